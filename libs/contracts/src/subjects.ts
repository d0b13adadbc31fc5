/**
 * Every NATS subject Limye uses, versioned, in one table. Request/reply subjects are served by the
 * service named first (its queue group is that name); events go through JetStream.
 */
export const Subjects = {
  /** customer-registry: resolve a payer (account number / serial / phone) to one customer and device. */
  registryPayerResolve: 'registry.v1.payer.resolve',
  /** debt-ledger: allocate a verified, matched payment (idempotent on paymentId). */
  ledgerPaymentAllocate: 'ledger.v1.payment.allocate',
  /** debt-ledger: record that allocated energy credit was delivered to a device (idempotent on paymentId). */
  ledgerDeliveryRecord: 'ledger.v1.delivery.record',
  /** meter-adapter: deliver credit for a payment to a device (idempotent on paymentId); returns its state. */
  meterDeliveryRequest: 'meter.v1.delivery.request',
  /** meter-adapter: make a delivery (FAILED, UNKNOWN or PENDING) due again now; an operator's retry. */
  meterDeliveryRetry: 'meter.v1.delivery.retry',
  /**
   * Core NATS notice (not JetStream; no reply): meter-adapter's worker finished a delivery (DELIVERED or FAILED)
   * after its request had been answered. payment-intake (queue group) makes that payment's next step due now
   * instead of waiting out its back-off. Losing one costs only time: the payment asks again after its back-off.
   */
  meterDeliveryFinished: 'meter.v1.delivery.finished',
  /** customer-registry: an organisation's settings for an outside system, secrets sealed (see integrations.ts). */
  registryIntegrationGet: 'registry.v1.integration.get',
  /** Core NATS notice (no reply): an organisation's settings for a system changed; services drop their cached copy. */
  registryIntegrationChanged: 'registry.v1.integration.changed',
  /** JetStream event: a payment reached DELIVERED. */
  paymentsCompleted: 'payments.v1.completed',
} as const;

export type Subject = (typeof Subjects)[keyof typeof Subjects];

/**
 * The work queues of each service (libs/platform WorkQueue): leased rows in the service's own tables. The
 * name is the `queue` label of the limye_work_* metrics and part of the queue's wake subject.
 */
export const WorkQueues = {
  payments: { service: 'payment-intake', queue: 'payments' },
  paymentOutbox: { service: 'payment-intake', queue: 'outbox' },
  moncashOrders: { service: 'payment-intake', queue: 'moncash-orders' },
  deliveries: { service: 'meter-adapter', queue: 'deliveries' },
  omisOutbox: { service: 'eligibility', queue: 'omis-outbox' },
} as const;

export interface WorkQueueName {
  service: string;
  queue: string;
}

/**
 * Core NATS notice `work.v1.<service>.<queue>.wake` (empty body, no reply): work was added to or unblocked
 * in that queue. Every replica of the service listens (no queue group) and claims at once instead of at
 * its next poll; the poll stays the safety net for a notice lost.
 */
export function workQueueWakeSubject(q: WorkQueueName): string {
  return `work.v1.${q.service}.${q.queue}.wake`;
}

/** JetStream streams and the subjects they hold. */
export const Streams = {
  payments: { name: 'PAYMENTS', subjects: ['payments.v1.>'] },
} as const;

/** Service names: also their NATS queue groups and their Postgres schemas (with '-' → '_'). */
export const ServiceNames = {
  paymentIntake: 'payment-intake',
  customerRegistry: 'customer-registry',
  debtLedger: 'debt-ledger',
  meterAdapter: 'meter-adapter',
  eligibility: 'eligibility',
  sandbox: 'sandbox',
} as const;

export type ServiceName = (typeof ServiceNames)[keyof typeof ServiceNames];

/** Header names carried on NATS messages and HTTP requests. */
export const Headers = {
  correlationId: 'x-correlation-id',
  /**
   * NATS only: the organisation a request or event acts for (a uuid), set from the caller's context beside the
   * correlation id. Handlers re-check it against the organisationId of the payload (platform tenancy).
   */
  organisationId: 'limye-organisation',
  natsMsgId: 'Nats-Msg-Id',
} as const;
