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
  /** JetStream event: a payment reached DELIVERED. */
  paymentsCompleted: 'payments.v1.completed',
} as const;

export type Subject = (typeof Subjects)[keyof typeof Subjects];

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
  natsMsgId: 'Nats-Msg-Id',
} as const;
