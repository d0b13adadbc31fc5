import { counter, gauge, histogram } from '../metrics/metrics';

/** Every series has the label `queue` (the queue's name, e.g. `payments`), besides the default `service`. */
export const workClaimed = counter('limye_work_claimed_total', 'Rows a work queue took: claimed by a poll, a wake-up or a kick, or handed over leased at insert', ['queue']);

/** outcome: completed (done, or moved on), retried (put back for later with back-off), failed (an error: its lease runs out). */
export const workProcessed = counter('limye_work_processed_total', 'Rows a work queue finished working on, by outcome', ['queue', 'outcome']);

export const workInFlight = gauge('limye_work_in_flight', 'Rows a work queue is working on now (at most its concurrency)', ['queue']);

export const workClaimDuration = histogram(
  'limye_work_claim_duration_seconds',
  'Duration of one claim statement of a work queue (FOR UPDATE SKIP LOCKED, lease stamped)',
  ['queue'],
  [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
);

export const workWakeups = counter('limye_work_wakeups_total', 'Wake-up notices a work queue received over NATS (work.v1.<service>.<queue>.wake)', ['queue']);
