import { Logger } from '@nestjs/common';
import type { WorkQueueName } from '@limye/contracts';
import { newCorrelationId, runWithCorrelationId } from '../correlation/correlation';
import type { JetStreamConnection } from '../nats/jetstream.connection';
import { CoalescingTimer } from '../scheduling/coalescing-timer';
import { LeasedTable } from './leased-table';
import { QueueWake } from './queue-wake';
import { workClaimDuration, workClaimed, workInFlight, workProcessed, workWakeups } from './work-queue.metrics';

/** How working on a row ended: done or moved on; put back for later; or an error (its lease runs out). */
export type WorkOutcome = 'completed' | 'retried' | 'failed';

interface WorkQueueCommon<Row> {
  name: WorkQueueName;
  table: LeasedTable;
  /** A claimed row (as the claim statement returned it) as the handler takes it. */
  hydrate: (raw: Record<string, unknown>) => Row;
  idOf: (row: Row) => string;
  /** Rows worked on at once in this process, at most. */
  concurrency: number;
  /** Rows one claim statement takes at most (never more than the free slots). Default: the concurrency. */
  batchSize?: number;
  /** The safety net: how often to look for due rows when nothing wakes the queue. */
  pollMs: number;
  /** How long a claimed row is this process's: longer than any one handling of it. */
  leaseMs: number;
  /** On shutdown, how long in-flight rows may still finish; the leases of the others run out. */
  drainMs: number;
  /** A wake-up is gathered this long (ms) so a burst makes one claim. Default 5. */
  wakeGatherMs?: number;
  /** The NATS connection for wake-up notices; without it the queue only polls and wakes locally. */
  nats?: JetStreamConnection;
  /** The correlation id a row is worked under. Default: a new one per row (per batch with handleBatch). */
  correlationId?: (row: Row) => string;
  /**
   * The organisation a row is worked for (currentOrganisationId, sent on by NatsRpcClient): the row's own.
   * Per row only (`handle`); a batch may mix organisations, so its handler sends each row's on itself.
   */
  organisationId?: (row: Row) => string | null | undefined;
}

/**
 * Either each claimed row is handed to `handle` on its own (each frees its slot when done), or each claimed
 * batch to `handleBatch` at once (to change many rows in one statement). The handler records the outcome
 * in the row (that is what makes it safe) and returns it for the metrics; void means completed. A handler
 * that throws leaves the row leased: it is taken again when the lease runs out, as after a crash.
 */
export type WorkQueueOptions<Row> = WorkQueueCommon<Row> &
  ({ handle: (row: Row) => Promise<WorkOutcome | void>; handleBatch?: never } | { handleBatch: (rows: Row[]) => Promise<WorkOutcome[]>; handle?: never });

/**
 * One leased work queue over a table (see LeasedTable): claims due rows in batches, works on at most
 * `concurrency` of them at once, and records nothing itself — progress lives in the rows, so a process
 * killed at any moment loses nothing: its leases run out and any replica takes the rows again.
 *
 * It claims when a poll comes round, when a slot frees while more work waits (a full last claim), when
 * woken locally (`wake`) or by a NATS notice from another replica or service, and on `kick` (one row,
 * now). A row inserted already leased to this process is handed over with `adopt`. `stop` stops claiming,
 * lets in-flight rows finish for `drainMs`, and leaves the leases of the rest to run out.
 */
export class WorkQueue<Row> {
  private readonly logger: Logger;
  /** The metrics' series of this queue, bound once (no label lookup per row). */
  private readonly metrics: {
    claimed: ReturnType<typeof workClaimed.labels>;
    processed: Record<WorkOutcome, ReturnType<typeof workProcessed.labels>>;
    inFlight: ReturnType<typeof workInFlight.labels>;
    claimDuration: ReturnType<typeof workClaimDuration.labels>;
    wakeups: ReturnType<typeof workWakeups.labels>;
  };
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timer = new CoalescingTimer(() => void this.claimPass());
  private readonly notices?: QueueWake;
  private readonly batchSize: number;
  private readonly gatherMs: number;
  private stopped = true;
  private claiming = false;
  /** A wake-up came while a claim ran: claim again right after it. */
  private again = false;
  /** The last claim filled every free slot (or there were none): more probably waits, so a freed slot claims. */
  private backlog = false;
  private pausedUntil = 0;

  constructor(private readonly opts: WorkQueueOptions<Row>) {
    if (!opts.handle === !opts.handleBatch) throw new Error(`work queue ${opts.name.queue}: give exactly one of handle and handleBatch`);
    const queue = opts.name.queue;
    this.metrics = {
      claimed: workClaimed.labels({ queue }),
      processed: {
        completed: workProcessed.labels({ queue, outcome: 'completed' }),
        retried: workProcessed.labels({ queue, outcome: 'retried' }),
        failed: workProcessed.labels({ queue, outcome: 'failed' }),
      },
      inFlight: workInFlight.labels({ queue }),
      claimDuration: workClaimDuration.labels({ queue }),
      wakeups: workWakeups.labels({ queue }),
    };
    this.logger = new Logger(`WorkQueue ${queue}`);
    this.batchSize = Math.max(1, Math.min(opts.batchSize ?? opts.concurrency, opts.concurrency));
    this.gatherMs = opts.wakeGatherMs ?? 5;
    if (opts.nats) this.notices = new QueueWake(opts.nats, opts.name);
    this.metrics.inFlight.set(0);
  }

  /** Rows being worked on now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private get room(): number {
    return this.opts.concurrency - this.inFlight.size;
  }

  /** Starts listening for wake-up notices and claims at once. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.notices
      ?.listen(() => {
        this.metrics.wakeups.inc();
        this.wakeHere();
      })
      .catch((err: Error) => this.logger.warn({ msg: 'not listening for wake-up notices; polling only', error: err.message }));
    this.timer.schedule(0);
  }

  /** Stops claiming (for good: a stopped queue does not start again); resolves once in-flight rows have finished or `drainMs` has passed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer.stop();
    this.notices?.close();
    if (this.inFlight.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight.values()]),
      new Promise((resolve) => (timeout = setTimeout(resolve, this.opts.drainMs))),
    ]);
    clearTimeout(timeout);
  }

  /**
   * Work was added or unblocked (call it after the commit): claim soon here, or — with no free slot here —
   * tell the other replicas.
   */
  wake(): void {
    if (this.stopped || this.room <= 0) this.announce();
    else this.wakeHere();
  }

  /** Tells every replica (this one too) to claim now. */
  announce(): void {
    this.notices?.publish();
    this.wakeHere();
  }

  /** Lease length for a row the caller inserts leased and hands over with `adopt`; undefined when there is no room. */
  leaseForHandover(): number | undefined {
    return !this.stopped && this.room > 0 ? this.opts.leaseMs : undefined;
  }

  /** Works on a row the caller has just inserted already leased to this process (see leaseForHandover). */
  adopt(row: Row): void {
    const id = this.opts.idOf(row);
    if (this.inFlight.has(id)) return;
    if (this.stopped) {
      // Shutting down between the lease and the handover: give it back rather than let it wait out the lease.
      void this.opts.table.release([id]).then(() => this.notices?.publish(), () => undefined);
      return;
    }
    this.metrics.claimed.inc();
    this.dispatch([row]);
  }

  /** Claims this row now if it is due and there is room; else another replica is told (or the poll gets it). */
  kick(id: string): void {
    if (this.inFlight.has(id)) return;
    if (this.stopped || this.room <= 0) {
      this.announce();
      return;
    }
    void this.claim(1, id)
      .then((rows) => this.dispatch(rows))
      .catch((err: Error) => this.logger.warn({ msg: 'claim of one row failed; the poll will find it', id, error: err.message }));
  }

  /** No claims for `ms` (e.g. the system the rows go to is away); rows in flight go on. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private wakeHere(): void {
    if (this.stopped) return;
    if (this.claiming) this.again = true;
    else this.timer.schedule(this.gatherMs);
  }

  private async claim(limit: number, onlyId?: string): Promise<Row[]> {
    const end = this.metrics.claimDuration.startTimer();
    const raw = await this.opts.table.claim(limit, this.opts.leaseMs, onlyId);
    end();
    if (raw.length > 0) this.metrics.claimed.inc(raw.length);
    return raw.map((r) => this.opts.hydrate(r));
  }

  private async claimPass(): Promise<void> {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    const paused = this.pausedUntil - Date.now();
    if (paused > 0) {
      this.timer.schedule(paused);
      return;
    }
    const room = this.room;
    if (room <= 0) {
      this.backlog = true; // the next slot to free claims again
      return;
    }
    this.claiming = true;
    let full = false;
    try {
      const limit = Math.min(room, this.batchSize);
      const rows = await this.claim(limit);
      full = rows.length === limit;
      this.dispatch(rows);
    } catch (err) {
      this.logger.warn({ msg: 'claim failed; trying again at the next poll', error: (err as Error).message });
    } finally {
      this.claiming = false;
      this.backlog = full;
      const soon = full || this.again;
      this.again = false;
      if (!this.stopped) this.timer.schedule(soon ? this.gatherMs : this.opts.pollMs);
    }
  }

  private dispatch(rows: Row[]): void {
    if (rows.length === 0) return;
    if (this.opts.handleBatch) {
      const handleBatch = this.opts.handleBatch;
      this.track(rows, () => handleBatch(rows), newCorrelationId());
    } else {
      const handle = this.opts.handle as (row: Row) => Promise<WorkOutcome | void>;
      for (const row of rows) {
        this.track([row], async () => [(await handle(row)) ?? 'completed'], this.opts.correlationId?.(row) ?? newCorrelationId(), this.opts.organisationId?.(row) ?? undefined);
      }
    }
  }

  private track(rows: Row[], work: () => Promise<WorkOutcome[]>, correlationId: string, organisationId?: string): void {
    const ids = rows.map((r) => this.opts.idOf(r));
    this.metrics.inFlight.inc(rows.length);
    const task = runWithCorrelationId(correlationId, work, organisationId)
      .then(
        (outcomes) => {
          for (const outcome of outcomes) this.metrics.processed[outcome].inc();
        },
        (err: Error) => {
          this.metrics.processed.failed.inc(rows.length);
          this.logger.error({ msg: 'work failed; the lease will run out and the row be taken again', ids: ids.slice(0, 10), error: err.message, stack: err.stack });
        },
      )
      .finally(() => {
        // A row done and claimed again before this ran is already another task's.
        for (const id of ids) if (this.inFlight.get(id) === task) this.inFlight.delete(id);
        this.metrics.inFlight.dec(rows.length);
        // More waits: gather a few milliseconds of freed slots into one claim.
        if (this.backlog && !this.stopped) this.timer.schedule(this.gatherMs);
      });
    for (const id of ids) this.inFlight.set(id, task);
  }
}
