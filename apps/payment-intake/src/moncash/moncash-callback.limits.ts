import type { Request } from 'express';
import type { RateLimitPolicy } from '@limye/platform';
import { parseMonCashHint } from './domain/moncash-alert';

/**
 * MonCash's Alert and Return URLs are public: limited per source address and per payment named (order id, else
 * transaction id), each answered 429 with Retry-After past its limit (env: MONCASH_CALLBACK_RATE_LIMIT_*).
 */
export const MONCASH_CALLBACK_LIMITS: RateLimitPolicy = {
  name: 'moncash-callback',
  perAddress: { env: 'MONCASH_CALLBACK_RATE_LIMIT_PER_ADDRESS', fallback: '300/s burst 600' },
  perAccount: { env: 'MONCASH_CALLBACK_RATE_LIMIT_PER_PAYMENT', fallback: '2/s burst 30', key: paymentNamed },
};

function paymentNamed(req: Request): string | undefined {
  try {
    const body = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : undefined;
    const hint = parseMonCashHint(body, req.query as Record<string, unknown>);
    return hint.orderId ? `order:${hint.orderId}` : `transaction:${hint.transactionId}`;
  } catch {
    return undefined; // no usable id: the handler answers 400, the per-address limit still counted it
  }
}
