import { BacklogGauges, counter, histogram } from '@limye/platform';

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

// For an SRE's alert: OMIS writes piling up (OMIS down, or a crash leaving leased writes for a minute).
// Read from the database when scraped, both from one query, once the running outbox worker gives it.
export const omisOutboxBacklog = new BacklogGauges({
  pending: { name: 'limye_eligibility_omis_outbox_pending', help: 'OMIS writes waiting to be sent (neither sent nor refused)' },
  oldestSeconds: { name: 'limye_eligibility_omis_outbox_oldest_seconds', help: 'Seconds the oldest waiting OMIS write has waited (0 when none)' },
});
