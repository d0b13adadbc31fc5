import { checkNationalId } from './national-id';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('checkNationalId', () => {
  it('accepts a well-formed, plausible ID (spaces as printed on the card are ignored)', () => {
    expect(checkNationalId('1198780012345012', NOW)).toEqual({ ok: true, nationalId: '1198780012345012' });
    expect(checkNationalId('1 1987 8 0012345 0 12', NOW)).toEqual({ ok: true, nationalId: '1198780012345012' });
  });

  it.each([
    ['', 'empty'],
    [undefined, 'empty'],
    ['11987800123450AB', 'not_digits'],
    ['119878001234501', 'wrong_length'],
    ['11987800123450123', 'wrong_length'],
    ['4198780012345012', 'implausible'], // status is 1, 2 or 3
    ['1198790012345012', 'implausible'], // sex digit is 7 or 8
    ['1201580012345012', 'implausible'], // born 2015: too young for a card
    ['1189080012345012', 'implausible'], // born 1890
  ])('rejects %p as %s', (raw, problem) => {
    expect(checkNationalId(raw as string | undefined, NOW)).toEqual({ ok: false, problem });
  });

  it('accepts a 16-year-old and not a 15-year-old', () => {
    expect(checkNationalId('1201080012345012', NOW).ok).toBe(true);
    expect(checkNationalId('1201180012345012', NOW).ok).toBe(false);
  });
});
