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
  return input.replace(/\d{10,}/g, (digits) => maskId(digits)).slice(0, MAX_LOGGED_INPUT);
}

/** Several inputs of one hop (a gateway that sent more than one new segment), each masked, joined by '*'. */
export function maskInputs(parts: { screen: string; input: string }[]): string | null {
  if (parts.length === 0) return null;
  return parts.map((p) => maskInput(p.screen, p.input)).join('*').slice(0, MAX_LOGGED_INPUT);
}
