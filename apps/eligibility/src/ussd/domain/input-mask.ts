import { maskId } from '@limye/platform';

/** Screens whose input is a national ID, household ID or voucher: kept in the log as its last 4 only. */
const ID_SCREENS = new Set(['check.enter_id', 'sale.enter_id', 'confirm.household']);
const PIN_SCREENS = new Set(['agent.pin']);
export const MAX_LOGGED_INPUT = 64;

/**
 * The input of one hop as the request log may keep it: a PIN never (always '****'), an ID masked to its
 * last 4 characters, anything else as typed, except that a long run of digits (an ID typed in the wrong
 * place) is masked too, cut to the column's 64 characters.
 */
export function maskInput(screen: string, input: string): string {
  if (PIN_SCREENS.has(screen)) return '****';
  if (ID_SCREENS.has(screen)) return maskId(input.replace(/\s+/g, '')).slice(0, MAX_LOGGED_INPUT);
  return maskDigitRuns(input).slice(0, MAX_LOGGED_INPUT);
}

/**
 * Any run of 10 or more digits, also when typed with spaces, dots or dashes between them ("1199 8800…",
 * "1199-8800-…"), or dialled into a service code ("*662*100*1199880012345012#"), kept as its last 4 digits:
 * an ID typed in the wrong place must not reach the log in full.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d(?:[\s.\-]*\d){9,}/g, (run) => maskId(run.replace(/\D/g, '')));
}

/** Several inputs of one hop (a gateway that sent more than one new segment), each masked, joined by '*'. */
export function maskInputs(parts: { screen: string; input: string }[]): string | null {
  if (parts.length === 0) return null;
  return parts.map((p) => maskInput(p.screen, p.input)).join('*').slice(0, MAX_LOGGED_INPUT);
}
