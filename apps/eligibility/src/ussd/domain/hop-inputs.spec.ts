import { inputsAfter, inputToRemember, isCopyOfLastHop, newInputs } from './hop-inputs';

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

  it('the same input within the window is a copy; another input, a later one, or a first hop is not', () => {
    expect(isCopyOfLastHop(input('1'), { lastInput: '1', sinceReplyMs: 300 }, 2000)).toBe(true);
    expect(isCopyOfLastHop(input('2'), { lastInput: '1', sinceReplyMs: 300 }, 2000)).toBe(false);
    expect(isCopyOfLastHop(input('1'), { lastInput: '1', sinceReplyMs: 2000 }, 2000)).toBe(false);
    expect(isCopyOfLastHop(input('1'), { lastInput: null, sinceReplyMs: 300 }, 2000)).toBe(false);
    expect(isCopyOfLastHop(input('1'), { lastInput: '1', sinceReplyMs: null }, 2000)).toBe(false);
    expect(isCopyOfLastHop(input('1'), { lastInput: '1', sinceReplyMs: 0 }, 0)).toBe(false);
  });

  it("never applies to Africa's Talking's path or a start", () => {
    expect(isCopyOfLastHop({ kind: 'path', segments: ['1'] }, { lastInput: '1', sinceReplyMs: 0 }, 2000)).toBe(false);
    expect(isCopyOfLastHop({ kind: 'start' }, { lastInput: '1', sinceReplyMs: 0 }, 2000)).toBe(false);
  });

  it('remembers the input of an input hop, cut to 64, but never a PIN', () => {
    expect(inputToRemember(input('1'), 'home')).toBe('1');
    expect(inputToRemember(input('7305'), 'agent.pin')).toBeNull();
    expect(inputToRemember(input('9'.repeat(100)), 'check.enter_id')).toHaveLength(64);
    expect(inputToRemember({ kind: 'path', segments: ['1'] }, 'home')).toBeNull();
    expect(isCopyOfLastHop(input('9'.repeat(100)), { lastInput: '9'.repeat(64), sinceReplyMs: 1 }, 2000)).toBe(true);
  });
});
