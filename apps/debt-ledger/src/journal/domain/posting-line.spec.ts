import fc from 'fast-check';
import { DomainError, ErrorCodes } from '@limye/contracts';
import { customerEnergyCreditAccount, providerClearingAccount } from './ledger-accounts';
import { assertBalanced, credit, debit, entryProblem, LedgerAccountRef, sumFor } from './posting-line';

const customerId = '5b0a3f8e-8f51-4a52-9a8e-0d1e7c9b2f10';
const clearing = (currency = 'HTG') => providerClearingAccount('moncash', currency);
const energy = (currency = 'HTG') => customerEnergyCreditAccount(customerId, currency);
const MAX = Number.MAX_SAFE_INTEGER;

describe('postings', () => {
  it('writes a debit as a positive amount and a credit as a negative one', () => {
    expect(debit(clearing(), 250).amountMinor).toBe(250);
    expect(credit(energy(), 250).amountMinor).toBe(-250);
    expect(sumFor([debit(clearing(), 250), credit(energy(), 250), credit(energy(), 50)], 'energy_credit')).toBe(-300);
  });

  it('accepts an entry that sums to zero in each currency', () => {
    expect(entryProblem([debit(clearing(), 100), credit(energy(), 100)])).toBeNull();
    expect(entryProblem([debit(clearing(), 100), credit(energy(), 100), debit(clearing('KES'), 7), credit(energy('KES'), 7)])).toBeNull();
  });

  it.each([
    ['one posting', [debit(clearing(), 100)], /at least two/],
    ['a zero posting', [debit(clearing(), 0), credit(energy(), 0)], /non-zero/],
    ['a fractional amount', [debit(clearing(), 1.5), credit(energy(), 1.5)], /safe integer/],
    ['an off-by-one sum', [debit(clearing(), 100), credit(energy(), 99)], /do not balance: HTG 1/],
    ['currencies netted against each other', [debit(clearing('HTG'), 100), credit(energy('KES'), 100)], /HTG 100, KES -100/],
    ['a sum that floating point would round away', [debit(clearing(), MAX), debit(clearing(), MAX), credit(energy(), MAX), credit(energy(), MAX - 1)], /HTG 1/],
  ])('refuses %s', (_what, lines, message) => {
    expect(entryProblem(lines)).toMatch(message);
  });

  it('finds every imbalance: balanced lines pass, the same lines with one amount changed do not', () => {
    const account = fc.constantFrom<LedgerAccountRef>(clearing(), energy(), clearing('KES'), energy('KES'));
    const pair = fc.tuple(account, account, fc.integer({ min: 1, max: 1e12 })).map(([a, b, n]) => [
      debit({ ...a, currency: 'HTG' }, n),
      credit({ ...b, currency: 'HTG' }, n),
    ]);
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1e6 }), fc.nat(), (pairs, delta, pick) => {
        const lines = pairs.flat();
        expect(entryProblem(lines)).toBeNull();
        const i = pick % lines.length;
        const changed = lines.map((l, j) => (j === i ? { ...l, amountMinor: l.amountMinor + (l.amountMinor > 0 ? delta : -delta) } : l));
        expect(entryProblem(changed)).not.toBeNull();
      }),
    );
  });

  it('throws LEDGER.UNBALANCED_POSTING as a server fault for an unbalanced entry', () => {
    expect(() => assertBalanced([debit(clearing(), 100), credit(energy(), 100)])).not.toThrow();
    try {
      assertBalanced([debit(clearing(), 100), credit(energy(), 90)]);
      throw new Error('expected assertBalanced to throw');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: ErrorCodes.ledgerUnbalanced, httpStatus: 500 });
    }
  });
});
