import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATES } from './domain/payment-state';

// The answers of the payments HTTP API as OpenAPI schemas (the code builds them as PaymentView).

/** One state a payment reached. */
export class PaymentStateChange {
  @ApiProperty({ enum: [...PAYMENT_STATES] })
  state: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, nullable: true, example: 'matched by accountNumber to device SM16R-01-00001234' })
  detail: string | null;
}

/** A payment (GET one: with its history, oldest first). */
export class PaymentResponse {
  @ApiProperty({ type: String, format: 'uuid', description: 'Limye payment id: the idempotency key of every step downstream (ledger entry, vendor external_id).' })
  id: string;

  @ApiProperty({ type: String, example: 'moncash' })
  provider: string;

  @ApiProperty({ type: String, description: 'The provider\'s transaction id; unique with provider.' })
  providerRef: string;

  @ApiProperty({ enum: [...PAYMENT_STATES], description: 'RECEIVED: a provider told us of it. VERIFIED: the provider confirmed it. MATCHED: one customer and one device found. ALLOCATED: posted in the ledger (debts first, rest energy credit). DELIVERED: credit on the device; final. UNMATCHED: no customer, or several; waits for a person. REJECTED: the provider does not confirm it. FAILED: the ledger or the vendor refused it for good; waits for a person.' })
  state: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Integer minor units of currency (HTG centimes), from the provider\'s own answer at VERIFIED; null before.', example: 25050 })
  amountMinor: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'ISO 4217.', example: 'HTG' })
  currency: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Our order id when the payment came through a checkout.' })
  orderId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The checkout\'s account number, used for matching first.' })
  accountNumber: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The payer\'s phone as the provider reports it (personal data).' })
  payerPhone: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  customerId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  deviceId: string | null;

  @ApiProperty({ type: String, nullable: true })
  deviceSerial: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'What the ledger left for the device after debts, minor units of currency; set at ALLOCATED.' })
  energyCreditMinor: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The meter-adapter\'s delivery id.' })
  deliveryId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The vendor\'s id for the credit.' })
  vendorRef: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the payment is where it is (the last reason it waits, or why it ended UNMATCHED, REJECTED or FAILED).' })
  reason: string | null;

  @ApiProperty({ type: 'integer', description: 'Tries at the current step; reset on every state change.' })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the worker tries again; null in end states.' })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it reached DELIVERED.' })
  completedAt: string | null;

  @ApiPropertyOptional({ type: () => PaymentStateChange, isArray: true, description: 'Every state reached, oldest first (GET /v1/payments/{id} and the retry).' })
  history?: PaymentStateChange[];
}

/** A checkout whose order the provider has not reported paid yet (GET /v1/payments/{id} with the paymentId a checkout reserved). */
export class AwaitingPaymentResponse {
  @ApiProperty({ type: String, format: 'uuid', description: 'The reserved payment id.' })
  id: string;

  @ApiProperty({ type: String, example: 'moncash' })
  provider: string;

  @ApiProperty({ enum: ['AWAITING_PAYMENT'] })
  state: string;

  @ApiProperty({ type: String })
  orderId: string;

  @ApiProperty({ type: String })
  accountNumber: string;

  @ApiProperty({ type: 'integer', description: 'The amount asked for, HTG centimes.' })
  amountMinor: number;

  @ApiProperty({ enum: ['HTG'] })
  currency: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
