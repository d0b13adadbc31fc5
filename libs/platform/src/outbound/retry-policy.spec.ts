import fc from 'fast-check';
import { isRepeatable, retryDelayMs } from './retry-policy';

describe('isRepeatable', () => {
  it('repeats safe methods, and anything else only when the caller says so', () => {
    expect(isRepeatable('GET')).toBe(true);
    expect(isRepeatable('HEAD')).toBe(true);
    expect(isRepeatable('POST')).toBe(false);
    expect(isRepeatable('PUT')).toBe(false);
    expect(isRepeatable('DELETE')).toBe(false);
    expect(isRepeatable('POST', true)).toBe(true);
    expect(isRepeatable('GET', false)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles from the base up to the cap, between half the step and the step', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(1, policy, () => 1)).toBe(100);
    expect(retryDelayMs(3, policy, () => 0)).toBe(200);
    expect(retryDelayMs(3, policy, () => 1)).toBe(400);
    expect(retryDelayMs(10, policy, () => 1)).toBe(1000);
  });

  it('is always within [step/2, step] for any jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (retry, r) => {
        const step = Math.min(1000, 100 * 2 ** (retry - 1));
        const d = retryDelayMs(retry, policy, () => r);
        return d >= Math.floor(step / 2) && d <= step;
      }),
    );
  });
});
