import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATES } from '../payments/domain/payment-state';

// The answers of the MonCash routes as OpenAPI schemas (the code builds CheckoutResult and the hint acknowledgement).

/** An order created at MonCash: send the payer to redirectUrl. */
export class MonCashCheckoutResponse {
  @ApiProperty({ type: String, format: 'uuid', description: 'Reserved for the payment this order becomes; readable at once with GET /v1/payments/{id}.' })
  paymentId: string;

  @ApiProperty({ type: String, description: 'Our order id, sent to MonCash as orderId (MonCash reports it back as reference).', example: 'LMH8K2Q1A9F3C07B' })
  orderId: string;

  @ApiProperty({ type: String, description: 'MONCASH_GATEWAY_URL + /Payment/Redirect?token=<payment token>: where the payer pays.' })
  redirectUrl: string;

  @ApiProperty({ type: String, description: 'The amount sent to MonCash, HTG major units with two decimals.', example: '250.50' })
  amount: string;

  @ApiProperty({ enum: ['HTG'] })
  currency: string;
}

/** The acknowledgement of a MonCash Alert or Return call. */
export class MonCashHintAck {
  @ApiProperty({ enum: [true] })
  received: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The payment the hint points at; null when an order-only hint found no paid transaction yet.' })
  paymentId: string | null;

  @ApiProperty({ enum: [...PAYMENT_STATES, 'AWAITING_PAYMENT'], description: 'The payment\'s state now (for a duplicate, wherever it has got to), or AWAITING_PAYMENT.' })
  state: string;
}

const HINT_ID = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;

/** The body MonCash may post to the Alert and Return URLs (undocumented by MonCash, so every key it might use). */
export const MONCASH_HINT_SCHEMA = {
  type: 'object',
  properties: {
    transactionId: { oneOf: [HINT_ID, { type: 'integer' }] },
    transaction_id: { oneOf: [HINT_ID, { type: 'integer' }] },
    transactionID: { oneOf: [HINT_ID, { type: 'integer' }] },
    orderId: HINT_ID,
    order_id: HINT_ID,
    reference: HINT_ID,
  },
  example: { transactionId: '7189427452', orderId: 'LMH8K2Q1A9F3C07B' },
};

export const MONCASH_HINT_DESCRIPTION = [
  'Configure `https://<your host>/v1/providers/moncash/alert` as the Alert URL in the MonCash business portal. MonCash does not document the payload, so GET and POST, a JSON or form body (or any other, not read) and the query string are all taken; the first usable transaction id and order id are read, body first, then query. Each id must match `^[A-Za-z0-9._:-]{1,64}$` after trimming; a JSON number is accepted for the transaction id.',
  '- With a transaction id: the payment is recorded once per (provider, transaction id), however many times the alert comes, and verification starts at once (a hint is never trusted: MonCash\'s RetrieveTransactionPayment decides).',
  '- With only an order id: MonCash is asked which transaction paid the order; if none yet, the answer is `paymentId: null, state: AWAITING_PAYMENT` and the reconciliation sweep keeps asking.',
  'Every call is stored raw (method, query, body, content type). The answer is 200 whenever the ids were usable, so MonCash has no reason to retry; any other method is a 405 and records nothing.',
].join('\n\n');
