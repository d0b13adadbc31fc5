import { createHash } from 'crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement on the hot path as a named prepared statement straight on TypeORM's pg pool:
 * parsed and planned once per pooled connection instead of on every call, without a TypeORM query
 * runner per call. The name is a hash of the text, so each distinct statement is prepared once.
 * Statements must name their result columns (no `RETURNING *`): a column added by a later migration
 * would otherwise make Postgres refuse the cached plan of a running replica.
 */
export async function preparedQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('the database connection is closed');
  const name = statementName(text);
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}

/**
 * Statement texts are few and fixed (built from code, values are parameters), so their names are kept:
 * a SHA-1 of a 1.5 kB text on every call was ~14 hashes per payment. Bounded in case a caller builds texts
 * from data by mistake (it would then only lose the cache, never grow without end).
 */
const names = new Map<string, string>();
const MAX_NAMES = 1000;

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `q_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}
