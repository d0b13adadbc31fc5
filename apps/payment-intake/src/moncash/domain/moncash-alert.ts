/**
 * What a MonCash Alert or Return URL call tells us. Its payload is not documented: integrations accept
 * form or JSON bodies and query strings, with `transactionId` (or `transaction_id`) and/or `orderId`
 * (or `reference`). Nothing here is trusted: it only says which payment to go and verify.
 */
export interface MonCashHint {
  transactionId?: string;
  orderId?: string;
}

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

export class MonCashHintError extends Error {}

export function parseMonCashHint(...sources: Array<Record<string, unknown> | undefined>): MonCashHint {
  const pick = (...keys: string[]): string | undefined => {
    for (const src of sources) {
      if (!src || typeof src !== 'object') continue;
      for (const k of keys) {
        const v = src[k];
        if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
        if (typeof v === 'string' && v.trim() !== '') return v.trim();
      }
    }
    return undefined;
  };
  const transactionId = pick('transactionId', 'transaction_id', 'transactionID');
  const orderId = pick('orderId', 'order_id', 'reference');
  if (!transactionId && !orderId) {
    throw new MonCashHintError('transactionId or orderId is required');
  }
  if (transactionId && !ID.test(transactionId)) throw new MonCashHintError('transactionId has an unexpected format');
  if (orderId && !ID.test(orderId)) throw new MonCashHintError('orderId has an unexpected format');
  return { transactionId, orderId };
}
