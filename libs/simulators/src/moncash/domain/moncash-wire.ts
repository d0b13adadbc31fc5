import { formatMinor, MoneyError, parseMajorAmount } from '@limye/contracts';

/** MonCash works in Haitian gourdes only. */
export const MONCASH_CURRENCY = 'HTG';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

export interface MoncashErrorEnvelope {
  path: string;
  error: string;
  message: string;
  timestamp: number;
  status: number;
}

export interface MoncashPaymentBody {
  path: string;
  payment: { reference: string; transaction_id: string; cost: number; message: 'successful'; payer: string };
  timestamp: number;
  status: 200;
}

export function moncashError(path: string, status: number, message: string, now: number): MoncashErrorEnvelope {
  return { path, error: REASONS[status] ?? 'Error', message, timestamp: now, status };
}

/**
 * MonCash sends amounts as JSON numbers (`250`, `250.5`). The number is only produced here, from the
 * exact decimal string of the integer minor units; nothing computes with it.
 */
export function moncashCost(amountMinor: number): number {
  return Number(formatMinor(amountMinor, MONCASH_CURRENCY));
}

/** Minor units of a CreatePayment/direct amount, or the message MonCash would answer with a 400. */
export function parseMoncashAmount(value: unknown): { amountMinor: number } | { problem: string } {
  if (value === undefined || value === null || value === '') return { problem: 'amount is required' };
  try {
    return { amountMinor: parseMajorAmount(value, MONCASH_CURRENCY) };
  } catch (err) {
    if (err instanceof MoneyError) return { problem: `amount must be a positive number of HTG with at most 2 decimals (${err.message})` };
    throw err;
  }
}

/** MonCash's own date format, `yyyy-MM-dd HH:mm:ss:SSS`; the sandbox writes it in UTC. */
export function formatMoncashDate(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}:${p(d.getUTCMilliseconds(), 3)}`
  );
}

export function paymentBody(
  path: string,
  tx: { transactionId: string; orderId: string | null; amountMinor: number; payer: string },
  now: number,
): MoncashPaymentBody {
  return {
    path,
    payment: { reference: tx.orderId ?? '', transaction_id: tx.transactionId, cost: moncashCost(tx.amountMinor), message: 'successful', payer: tx.payer },
    timestamp: now,
    status: 200,
  };
}
