import type { HopInput } from '../gateways/ussd-gateway';
import { isPinScreen } from './input-mask';

/**
 * The inputs of a hop that the menus have not seen yet. Africa's Talking resends the whole path, so only
 * the segments beyond those already handled count (usually one); none means the gateway replayed a hop
 * (retry after a timeout), which must be answered with the same screen and change nothing.
 * Gateways that send the latest input only bring exactly one; a 'start' brings none.
 */
export function newInputs(input: HopInput, inputsHandled: number): string[] {
  switch (input.kind) {
    case 'start':
      return [];
    case 'input':
      return [input.value];
    case 'path':
      return input.segments.slice(Math.max(0, inputsHandled));
  }
}

/** How many inputs the session has handled once this hop's are. */
export function inputsAfter(input: HopInput, inputsHandled: number, fed: number): number {
  return input.kind === 'path' ? Math.max(inputsHandled, input.segments.length) : inputsHandled + fed;
}

/**
 * A "latest input only" gateway's copy of the hop just answered (a retry, a double send): the same input
 * again within `windowMs` of that reply. Such gateways carry no hop number, so without this a copy would
 * be taken as the next screen's answer (a wrong PIN counted twice, a menu choice made twice). Africa's
 * Talking's full path makes its copies exact (see newInputs), so this is for 'input' hops only.
 * `pinFingerprint`: how a PIN hop was remembered (see inputToRemember).
 */
export function isCopyOfLastHop(
  input: HopInput,
  last: { lastInput: string | null; sinceReplyMs: number | null },
  windowMs: number,
  pinFingerprint: (pin: string) => string,
): boolean {
  if (input.kind !== 'input' || last.lastInput === null || last.sinceReplyMs === null || last.sinceReplyMs >= windowMs) return false;
  const candidate = last.lastInput.startsWith(PIN_MARK) ? pinFingerprint(input.value) : input.value.slice(0, MAX_REMEMBERED_INPUT);
  return candidate === last.lastInput;
}

/** Column size of ussd_sessions.last_input. */
const MAX_REMEMBERED_INPUT = 64;
/** Starts a remembered PIN hop: a keyed fingerprint, never the PIN. */
export const PIN_MARK = 'pin:';

/**
 * What the session keeps to recognise a copy of this hop: the input of an 'input' hop; for a PIN, only
 * `pinFingerprint(pin)` (a keyed hash whose key never leaves the process), so that a copy of a wrong PIN
 * is not counted as a second wrong attempt.
 */
export function inputToRemember(input: HopInput, typedOn: string, pinFingerprint: (pin: string) => string): string | null {
  if (input.kind !== 'input') return null;
  return isPinScreen(typedOn) ? pinFingerprint(input.value) : input.value.slice(0, MAX_REMEMBERED_INPUT);
}
