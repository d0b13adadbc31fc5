import { classifyWriteAnswer, OUTBOX_MAX_DELAY_MS, outboxRetryDelayMs, releaseOnRegistrationRefused } from './omis-outbox-rules';

describe('classifyWriteAnswer', () => {
  it.each([200, 201, 204])('%p: sent', (status) => {
    expect(classifyWriteAnswer({ kind: 'answered', status })).toEqual({ kind: 'sent' });
  });

  it.each([500, 502, 503, 504, 408, 429])('%p: tried again', (status) => {
    expect(classifyWriteAnswer({ kind: 'answered', status })).toMatchObject({ kind: 'retry', reason: `HTTP ${status}` });
  });

  it('network errors and timeouts are tried again', () => {
    expect(classifyWriteAnswer({ kind: 'unreachable', reason: 'sales.put timed out' })).toEqual({ kind: 'retry', reason: 'sales.put timed out' });
  });

  it.each([
    [409, 'household_blocked'],
    [404, 'not_found'],
    [400, undefined],
    [422, 'unknown_household'],
  ])('%p %p: rejected, with the reason', (status, error) => {
    const verdict = classifyWriteAnswer({ kind: 'answered', status, error });
    expect(verdict.kind).toBe('rejected');
    expect(verdict).toMatchObject({ reason: `HTTP ${status}${error ? ` ${error}` : ''}` });
  });

  it.each([401, 403])('%p: our API key was refused, not the write: tried again, naming OMIS_API_KEY', (status) => {
    const verdict = classifyWriteAnswer({ kind: 'answered', status, error: 'unauthorized' });
    expect(verdict.kind).toBe('retry');
    expect(verdict).toMatchObject({ reason: expect.stringMatching(new RegExp(`^HTTP ${status} unauthorized .*OMIS_API_KEY`)) });
  });
});

describe('releaseOnRegistrationRefused', () => {
  it('gives back the reservation of a pending sale, the spent incentive of a confirmed one, nothing for an expired one', () => {
    expect(releaseOnRegistrationRefused('pending_installation')).toBe('reserved');
    expect(releaseOnRegistrationRefused('confirmed')).toBe('spent');
    expect(releaseOnRegistrationRefused('expired')).toBe('nothing');
  });

  it('does nothing twice: an already rejected sale (or an unknown status) is left alone', () => {
    expect(releaseOnRegistrationRefused('rejected')).toBeNull();
    expect(releaseOnRegistrationRefused('')).toBeNull();
    expect(releaseOnRegistrationRefused('whatever')).toBeNull();
  });
});

describe('outboxRetryDelayMs', () => {
  it('doubles from the poll interval', () => {
    expect([1, 2, 3, 4].map((a) => outboxRetryDelayMs(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds 5 minutes, even after very many attempts', () => {
    expect(outboxRetryDelayMs(9, 1000)).toBe(256_000);
    expect(outboxRetryDelayMs(10, 1000)).toBe(OUTBOX_MAX_DELAY_MS);
    expect(outboxRetryDelayMs(10_000, 1000)).toBe(OUTBOX_MAX_DELAY_MS);
    expect(OUTBOX_MAX_DELAY_MS).toBe(300_000);
  });

  it('treats attempt 0 like the first', () => {
    expect(outboxRetryDelayMs(0, 250)).toBe(250);
  });
});
