import { counter, gaugeReadOnScrape, histogram } from '@limye/platform';

export const eligibilityChecks = counter('limye_eligibility_checks_total', 'Eligibility checks by outcome', ['outcome']);

export const eligibilityCheckDuration = histogram(
  'limye_eligibility_check_duration_seconds',
  'Duration of a whole eligibility check (MEIS and OMIS in parallel, own sales, budget) by outcome',
  ['outcome'],
  [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
);

export const salesRegistered = counter('limye_eligibility_sale_registrations_total', 'Sale registrations by result', ['result']);
export const salesConfirmed = counter('limye_eligibility_sale_confirmations_total', 'Sale confirmations by result', ['result']);
export const salesExpired = counter('limye_eligibility_sales_expired_total', 'Sales whose reservation ran out');
export const salesRejected = counter('limye_eligibility_sales_rejected_total', 'Sales whose registration OMIS refused, by their status then', ['previous_status']);
export const omisOutboxSends = counter('limye_eligibility_omis_outbox_sends_total', 'OMIS outbox sends by kind and verdict', ['kind', 'verdict']);

/** Where the OMIS outbox gauges read from: set by the running outbox worker (null before it starts). */
type Backlog = { pending: number; oldestSeconds: number };
type BacklogSource = () => Promise<Backlog>;
let backlogSource: BacklogSource | null = null;
/** The read of the scrape in progress: both gauges of one scrape share one query. */
let lastRead: { at: number; value: Promise<Backlog> } | null = null;
const SHARED_READ_MS = 1000;

/** The outbox worker's backlog query becomes what the gauges read; `null` releases it (only if it is still `owner`'s). */
export function readOmisBacklogFrom(source: BacklogSource | null, owner?: BacklogSource): void {
  if (source === null && backlogSource !== owner) return;
  backlogSource = source;
  lastRead = null;
}

function readBacklog(): Promise<Backlog> | null {
  if (!backlogSource) return null;
  if (!lastRead || Date.now() - lastRead.at > SHARED_READ_MS) lastRead = { at: Date.now(), value: backlogSource() };
  return lastRead.value;
}

// For an SRE's alert: OMIS writes piling up (OMIS down, or a crash leaving leased writes for a minute).
gaugeReadOnScrape('limye_eligibility_omis_outbox_pending', 'OMIS writes waiting to be sent (neither sent nor refused)', async () => (await readBacklog())?.pending ?? null);
gaugeReadOnScrape('limye_eligibility_omis_outbox_oldest_seconds', 'Seconds the oldest waiting OMIS write has waited (0 when none)', async () => (await readBacklog())?.oldestSeconds ?? null);
