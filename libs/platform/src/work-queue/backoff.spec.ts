import fc from 'fast-check';
import { backoffDelayMs, NO_JITTER } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap (jitter pinned to its extremes)', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelayMs(a, 2000, 60000, high))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect([1, 2, 3].map((a) => backoffDelayMs(a, 2000, 60000, low))).toEqual([1000, 2000, 4000]);
    expect(backoffDelayMs(3, 250, 60000, NO_JITTER)).toBe(1000);
  });

  it('waits between half and all of the window (the payment worker\'s 1 s base, 60 s cap)', () => {
    expect(backoffDelayMs(1, 1000, 60000, () => 0)).toBe(500);
    expect(backoffDelayMs(1, 1000, 60000, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, 1000, 60000, () => 1)).toBe(4000);
    expect(backoffDelayMs(20, 1000, 60000, () => 1)).toBe(60000);
    expect(backoffDelayMs(20, 1000, 60000, () => 0)).toBe(30000);
  });

  it('never overflows, even after thousands of attempts; attempt 0 counts as the first', () => {
    expect(backoffDelayMs(10_000, 2000, 60000, () => 1)).toBe(60000);
    expect(backoffDelayMs(0, 2000, 60000, () => 1)).toBe(2000);
  });

  it('always lies between half the step and the step, and never above the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 10, max: 10_000 }), fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, base, extra, r) => {
        const max = base + extra;
        const step = Math.min(max, base * 2 ** Math.min(attempt - 1, 30));
        const d = backoffDelayMs(attempt, base, max, () => r);
        return d >= Math.floor(step / 2) && d <= step && d <= max;
      }),
    );
  });
});
