/** How the OMIS outbox treats an answer, and when it tries again. */
import { backoffDelayMs, NO_JITTER } from '@limye/platform';

export type WriteAnswer =
  | { kind: 'answered'; status: number; error?: string }
  | { kind: 'unreachable'; reason: string };

export type WriteVerdict = { kind: 'sent' } | { kind: 'retry'; reason: string } | { kind: 'rejected'; reason: string };

/**
 * 2xx: OMIS has it (201 first time, 200 on a replay: both done). Network error, timeout, 5xx, 408 and 429:
 * OMIS may come back, so the same write is sent again later (it is idempotent on the reference). 401 and
 * 403: OMIS refused our API key, not the sale; it goes through once an operator fixes OMIS_API_KEY, so it
 * is tried again too (a refused registration now voids the sale: a wrong key must never do that). Any
 * other 4xx (409 household_blocked, 404, 400): sending it again would get the same answer, so it stops
 * there.
 */
export function classifyWriteAnswer(answer: WriteAnswer): WriteVerdict {
  if (answer.kind === 'unreachable') return { kind: 'retry', reason: answer.reason };
  const { status } = answer;
  const what = `HTTP ${status}${answer.error ? ` ${answer.error}` : ''}`;
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status >= 500 || status === 408 || status === 429) return { kind: 'retry', reason: what };
  if (status === 401 || status === 403) return { kind: 'retry', reason: `${what} (OMIS refused the API key: check OMIS_API_KEY)` };
  return { kind: 'rejected', reason: what };
}

/** Longest rejection reason kept on a sale (the column's length). */
export const REJECTION_REASON_MAX = 200;

/**
 * What a refused registration gives back to the tier's budget, by the sale's status at that moment:
 * a pending sale its reservation, a confirmed one (OMIS was down through registration and confirmation)
 * what was spent, an expired one nothing (released when it expired). `null`: nothing to do (already
 * rejected, or a status this code does not know).
 */
export function releaseOnRegistrationRefused(status: string): 'reserved' | 'spent' | 'nothing' | null {
  switch (status) {
    case 'pending_installation':
      return 'reserved';
    case 'confirmed':
      return 'spent';
    case 'expired':
      return 'nothing';
    default:
      return null;
  }
}

export const OUTBOX_MAX_DELAY_MS = 5 * 60 * 1000;

/** Delay before the next try after `attempts` failed ones: the poll interval doubling, at most 5 minutes. */
export function outboxRetryDelayMs(attempts: number, pollMs: number, maxMs: number = OUTBOX_MAX_DELAY_MS): number {
  return backoffDelayMs(attempts, pollMs, maxMs, NO_JITTER);
}
