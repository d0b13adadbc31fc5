import { inputsAfter, newInputs } from './hop-inputs';

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
