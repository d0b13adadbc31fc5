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
 * again within `windowMs` of that reply. Such gateways carry no hop number, so without this a copy of
 * "1" would be taken as the next screen's "1" (on a confirmation screen: a sale the agent never confirmed).
 * Africa's Talking's full path makes its copies exact (see newInputs), so this is for 'input' hops only.
 */
export function isCopyOfLastHop(input: HopInput, last: { lastInput: string | null; sinceReplyMs: number | null }, windowMs: number): boolean {
  return (
    input.kind === 'input' &&
    last.lastInput !== null &&
    last.sinceReplyMs !== null &&
    last.sinceReplyMs < windowMs &&
    input.value.slice(0, MAX_REMEMBERED_INPUT) === last.lastInput
  );
}

/** Column size of ussd_sessions.last_input. */
const MAX_REMEMBERED_INPUT = 64;

/** What the session keeps to recognise a copy of this hop: the input of an 'input' hop, never a PIN. */
export function inputToRemember(input: HopInput, typedOn: string): string | null {
  if (input.kind !== 'input' || isPinScreen(typedOn)) return null;
  return input.value.slice(0, MAX_REMEMBERED_INPUT);
}
