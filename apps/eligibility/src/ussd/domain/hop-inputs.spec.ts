import type { HopInput } from '../gateways/ussd-gateway';
import { inputsAfter, inputToRemember, isCopyOfLastHop, newInputs, PIN_MARK } from './hop-inputs';

describe("the inputs a hop brings (Africa's Talking resends the whole path)", () => {
  const path = (text: string) => ({ kind: 'path' as const, segments: text.split('*') });

  it('feeds only the segments beyond those already handled', () => {
    expect(newInputs(path('1'), 0)).toEqual(['1']);
    expect(newInputs(path('1*1198780012345012'), 1)).toEqual(['1198780012345012']);
    expect(newInputs(path('2*1234*1'), 1)).toEqual(['1234', '1']);
    expect(inputsAfter(path('2*1234*1'), 1, 2)).toBe(3);
  });

  it('sees a replay (same path again, or a shorter one) as nothing new', () => {
    expect(newInputs(path('1*2'), 2)).toEqual([]);
    expect(newInputs(path('1'), 2)).toEqual([]);
    expect(inputsAfter(path('1'), 2, 0)).toBe(2);
    expect(newInputs({ kind: 'start' }, 0)).toEqual([]);
  });

  it('keeps an empty input (the user pressed send with nothing typed)', () => {
    expect(newInputs(path('1*'), 1)).toEqual(['']);
  });

  it('feeds the latest input of a latest-input-only gateway as is', () => {
    expect(newInputs({ kind: 'input', value: '3' }, 7)).toEqual(['3']);
    expect(inputsAfter({ kind: 'input', value: '3' }, 7, 1)).toBe(8);
  });
});

describe('copies from a latest-input-only gateway', () => {
  const input = (value: string) => ({ kind: 'input' as const, value });
  // Stands for the service's keyed hash (its key never leaves the process).
  const fingerprint = (pin: string) => `${PIN_MARK}h(${pin})`;
  const copy = (i: HopInput, lastInput: string | null, sinceReplyMs: number | null, windowMs = 2000) =>
    isCopyOfLastHop(i, { lastInput, sinceReplyMs }, windowMs, fingerprint);

  it('the same input within the window is a copy; another input, a later one, or a first hop is not', () => {
    expect(copy(input('1'), '1', 300)).toBe(true);
    expect(copy(input('2'), '1', 300)).toBe(false);
    expect(copy(input('1'), '1', 2000)).toBe(false);
    expect(copy(input('1'), null, 300)).toBe(false);
    expect(copy(input('1'), '1', null)).toBe(false);
    expect(copy(input('1'), '1', 0, 0)).toBe(false);
  });

  it("never applies to Africa's Talking's path or a start", () => {
    expect(copy({ kind: 'path', segments: ['1'] }, '1', 0)).toBe(false);
    expect(copy({ kind: 'start' }, '1', 0)).toBe(false);
  });

  it('remembers the input of an input hop, cut to 64; a PIN only as its fingerprint, and recognises its copy by it', () => {
    expect(inputToRemember(input('1'), 'home', fingerprint)).toBe('1');
    expect(inputToRemember(input('9'.repeat(100)), 'check.enter_id', fingerprint)).toHaveLength(64);
    expect(inputToRemember({ kind: 'path', segments: ['1'] }, 'home', fingerprint)).toBeNull();
    expect(copy(input('9'.repeat(100)), '9'.repeat(64), 1)).toBe(true);
    const pin = inputToRemember(input('7305'), 'agent.pin', fingerprint) as string;
    expect(pin).toBe('pin:h(7305)');
    expect(copy(input('7305'), pin, 500)).toBe(true);
    expect(copy(input('7306'), pin, 500)).toBe(false);
  });
});
