import type { HopInput } from '../gateways/ussd-gateway';

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
