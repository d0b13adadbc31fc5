import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

/**
 * How a table holds a work queue: which rows are work, when each is due, where its lease is stamped and
 * how its attempts are counted. Every name is a column of the table (code constants, never input).
 */
export interface LeasedTableSpec {
  table: string;
  /** Primary key column and its SQL type (the type of array parameters). Default `id`, uuid. */
  id?: { column: string; type: 'uuid' | 'bigint' | 'text' };
  /** The rows that are work at all, as SQL over the table's columns: ideally the WHERE of a partial index. */
  pending: string;
  /** When a row may be claimed next (timestamptz, compared with the database clock only). */
  dueColumn: string;
  /**
   * Where a claim stamps the end of its lease (timestamptz, null when not leased). Without one the lease
   * is a later due time: the row is simply due again when the lease runs out.
   */
  leaseColumn?: string;
  /** The row's attempt count, incremented at every claim or only when the row is put back for later. */
  attempts?: { column: string; counted: 'on-claim' | 'on-retry' };
  /** A further condition for a claim, over the row aliased `candidate` (e.g. a sale's oldest write first). */
  claimableIf?: string;
  /** The claim's ORDER BY, over `candidate`. Default: the due column. */
  orderBy?: string;
  /** More SET clauses of the claim; they see the row as it was before (e.g. an expired lease means a crash). */
  alsoOnClaim?: readonly string[];
  /** Columns a claim returns (named: a prepared statement must not depend on `*`, see preparedQuery). */
  returning: readonly string[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The lease SQL of every work queue, written once: claim a batch of due rows with FOR UPDATE SKIP LOCKED
 * (replicas never wait for each other nor get the same row) and stamp their lease in the same statement;
 * give leases back; put rows back for later. Domain statements that end a lease together with their own
 * change (a state transition) splice in `releaseSets` / `retrySets`, so the lease columns are named here only.
 */
export class LeasedTable {
  readonly spec: Required<Pick<LeasedTableSpec, 'id'>> & LeasedTableSpec;
  private readonly claimSql: string;
  private readonly claimOneSql: string;

  constructor(private readonly ds: DataSource, spec: LeasedTableSpec) {
    this.spec = { id: { column: 'id', type: 'uuid' }, ...spec };
    const s = this.spec;
    for (const name of [s.table, s.id.column, s.dueColumn, s.leaseColumn, s.attempts?.column, ...s.returning]) {
      if (name !== undefined && !IDENTIFIER.test(name)) throw new Error(`LeasedTable ${s.table}: "${name}" is not a plain column name`);
    }
    this.claimSql = this.buildClaim(false);
    this.claimOneSql = this.buildClaim(true);
  }

  get table(): string {
    return this.spec.table;
  }

  /**
   * Leases up to `limit` due rows (or only row `onlyId`, if it is due) for `leaseMs`, in one statement,
   * oldest due first, and returns them as they are after the claim.
   */
  async claim(limit: number, leaseMs: number, onlyId?: string): Promise<Record<string, unknown>[]> {
    if (onlyId === undefined) return preparedQuery(this.ds, this.claimSql, [limit, Math.round(leaseMs)]);
    return preparedQuery(this.ds, this.claimOneSql, [limit, Math.round(leaseMs), onlyId]);
  }

  /** Gives the leases of these rows back: due now, for anyone. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const { table, id } = this.spec;
    await preparedQuery(this.ds, `UPDATE ${table} SET ${this.releaseSets().join(', ')} WHERE ${id.column} = ANY($1::${id.type}[])`, [ids]);
  }

  /**
   * Puts rows back, each due again after its own delay (its lease ends; attempts counted if so specified),
   * in one statement. `also` adds SET clauses for every row, with its values as parameters $3, $4, …
   */
  async retryLater(items: ReadonlyArray<{ id: string; delayMs: number }>, also: { sets: string[]; values: unknown[] } = { sets: [], values: [] }): Promise<void> {
    if (items.length === 0) return;
    const { table, id } = this.spec;
    await preparedQuery(
      this.ds,
      `UPDATE ${table} SET ${[...this.retrySets('r.delay_ms'), ...also.sets].join(', ')}
         FROM unnest($1::${id.type}[], $2::int[]) AS r(row_id, delay_ms)
        WHERE ${table}.${id.column} = r.row_id`,
      [items.map((i) => i.id), items.map((i) => Math.max(0, Math.round(i.delayMs))), ...also.values],
    );
  }

  /**
   * Makes rows that are waiting out a back-off due now (a notice said what they wait for has happened).
   * Leased rows are left alone. Only for tables with a lease column: without one a lease is a due time.
   */
  async makeDue(ids: readonly string[], extraCondition = 'TRUE'): Promise<string[]> {
    const { table, id, leaseColumn, dueColumn, pending } = this.spec;
    if (!leaseColumn) throw new Error(`LeasedTable ${table}: makeDue needs a lease column`);
    if (ids.length === 0) return [];
    const rows = await preparedQuery<{ id: string }>(
      this.ds,
      `UPDATE ${table} SET ${dueColumn} = now()
        WHERE ${id.column} = ANY($1::${id.type}[]) AND (${pending}) AND (${extraCondition})
          AND ${dueColumn} > now() AND (${leaseColumn} IS NULL OR ${leaseColumn} < now())
        RETURNING ${id.column}::text AS id`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** SET clauses that end a row's lease and leave it due now. */
  releaseSets(): string[] {
    const { leaseColumn, dueColumn } = this.spec;
    return leaseColumn ? [`${leaseColumn} = NULL`] : [`${dueColumn} = now()`];
  }

  /** SET clauses that end a row's lease and make it due after `delayMs` (an SQL expression: a parameter, a column). */
  retrySets(delayMs: string): string[] {
    const { leaseColumn, dueColumn, attempts, table } = this.spec;
    const sets = [`${dueColumn} = now() + (${delayMs})::int * interval '1 millisecond'`];
    if (leaseColumn) sets.unshift(`${leaseColumn} = NULL`);
    if (attempts?.counted === 'on-retry') sets.push(`${attempts.column} = ${table}.${attempts.column} + 1`);
    return sets;
  }

  private buildClaim(one: boolean): string {
    const { table, id, pending, dueColumn, leaseColumn, attempts, claimableIf, orderBy, alsoOnClaim, returning } = this.spec;
    const leaseTo = leaseColumn ?? dueColumn;
    const sets = [`${leaseTo} = now() + $2::int * interval '1 millisecond'`];
    if (attempts?.counted === 'on-claim') sets.push(`${attempts.column} = ${table}.${attempts.column} + 1`);
    sets.push(...(alsoOnClaim ?? []));
    const conditions = [`(${pending})`, `candidate.${dueColumn} <= now()`];
    if (leaseColumn) conditions.push(`(candidate.${leaseColumn} IS NULL OR candidate.${leaseColumn} < now())`);
    if (claimableIf) conditions.push(`(${claimableIf})`);
    if (one) conditions.push(`candidate.${id.column} = $3`);
    // The candidates are a MATERIALIZED CTE, evaluated exactly once: as a subquery in FROM, a plan may rescan
    // it once per updated row, each rescan skipping the rows just leased and locking the next `limit`, so a
    // claim of 5 could lease every due row (seen in a test run: 60).
    return `WITH due AS MATERIALIZED (
  SELECT candidate.${id.column} FROM ${table} candidate
   WHERE ${conditions.join(' AND ')}
   ORDER BY ${orderBy ?? `candidate.${dueColumn}`}
   LIMIT $1
   FOR UPDATE SKIP LOCKED)
UPDATE ${table} SET ${sets.join(', ')}
  FROM due
 WHERE ${table}.${id.column} = due.${id.column}
 RETURNING ${returning.map((c) => `${table}.${c}`).join(', ')}`;
  }
}
