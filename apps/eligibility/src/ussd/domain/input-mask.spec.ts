import { maskDigitRuns, maskInput, maskInputs } from './input-mask';

describe('what the request log keeps of an input', () => {
  it('never keeps a PIN', () => {
    expect(maskInput('agent.pin', '4821')).toBe('****');
    expect(maskInput('agent.pin', '')).toBe('****');
  });

  it('keeps only the last 4 characters of a national ID, household ID or voucher', () => {
    expect(maskInput('check.enter_id', '1198780012345012')).toBe('************5012');
    expect(maskInput('sale.enter_id', '1 1987 8 0012345 0 12')).toBe('************5012');
    expect(maskInput('confirm.household', 'HH-00042')).toBe('****0042');
  });

  it('keeps menu choices as typed, masks a long digit run typed elsewhere, and cuts to 64', () => {
    expect(maskInput('home', '1')).toBe('1');
    expect(maskInput('confirm.reference', '12345678')).toBe('12345678');
    expect(maskInput('home', '1198780012345012')).toBe('************5012');
    expect(maskInput('home', 'x'.repeat(100))).toHaveLength(64);
  });

  it('joins several inputs of one hop, each masked', () => {
    expect(maskInputs([{ screen: 'home', input: '2' }, { screen: 'agent.pin', input: '4821' }])).toBe('2*****');
    expect(maskInputs([])).toBeNull();
  });
});

describe('maskDigitRuns', () => {
  it.each([
    ['1198 7800 1234 5012', '************5012'],
    ['1198-7800-1234-5012', '************5012'],
    ['119878001 2345012', '************5012'],
    ['*662*100*1198780012345012#', '*662*100*************5012#'],
  ])('masks an ID typed as %p', (typed, logged) => {
    expect(maskDigitRuns(typed)).toBe(logged);
  });

  it('leaves menu choices, PIN-length numbers and short codes alone', () => {
    for (const text of ['1', '98', '00', '4821', '*662*100#', '12345678', '0788 123']) expect(maskDigitRuns(text)).toBe(text);
  });

  it('masks such an ID typed on a menu screen', () => {
    expect(maskInput('home', '1198 7800 1234 5012')).toBe('************5012');
  });
});
