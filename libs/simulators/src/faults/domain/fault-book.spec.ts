import { FaultBook, faultSpecProblem, isFaultTarget, MAX_HOLD_MS } from './fault-book';

describe('FaultBook', () => {
  const t0 = 1_000_000;

  it('hits exactly the next `count` requests, then lets requests through', () => {
    const book = new FaultBook();
    book.set('koios', { mode: 'error500', count: 2 }, t0);
    expect(book.take('koios', t0)?.mode).toBe('error500');
    expect(book.take('koios', t0)).toMatchObject({ mode: 'error500', remaining: 0, hits: 2 });
    expect(book.take('koios', t0)).toBeNull();
    expect(book.list(t0)).toEqual([]);
  });

  it('ends a fault after forMs', () => {
    const book = new FaultBook();
    book.set('moncash', { mode: 'down', forMs: 500 }, t0);
    expect(book.take('moncash', t0 + 499)?.mode).toBe('down');
    expect(book.take('moncash', t0 + 500)).toBeNull();
  });

  it('keeps a fault without count or forMs until cleared, and counts its hits', () => {
    const book = new FaultBook();
    book.set('thundercloud', { mode: 'slow', delayMs: 30 }, t0);
    for (let i = 0; i < 5; i++) book.take('thundercloud', t0 + i * 60_000);
    expect(book.list(t0)).toEqual([
      { target: 'thundercloud', mode: 'slow', delayMs: 30, remaining: null, endsAt: null, hits: 5 },
    ]);
    book.clear();
    expect(book.take('thundercloud', t0)).toBeNull();
  });

  it('keeps targets apart', () => {
    const book = new FaultBook();
    book.set('koios', { mode: 'down' }, t0);
    expect(book.take('thundercloud', t0)).toBeNull();
    expect(book.take('moncash', t0)).toBeNull();
    expect(book.take('koios', t0)?.mode).toBe('down');
  });

  it("mode 'none' removes the target's fault", () => {
    const book = new FaultBook();
    book.set('koios', { mode: 'down' }, t0);
    expect(book.set('koios', { mode: 'none' }, t0)).toBeNull();
    expect(book.take('koios', t0)).toBeNull();
  });

  it('caps a timeout hold at two minutes and defaults slow to one second', () => {
    const book = new FaultBook();
    expect(book.set('koios', { mode: 'timeout', delayMs: 999_999 }, t0)?.delayMs).toBe(MAX_HOLD_MS);
    expect(book.set('koios', { mode: 'timeout' }, t0)?.delayMs).toBe(MAX_HOLD_MS);
    expect(book.set('koios', { mode: 'timeout', delayMs: 200 }, t0)?.delayMs).toBe(200);
    expect(book.set('koios', { mode: 'slow' }, t0)?.delayMs).toBe(1000);
  });

  it("'status' carries its status; 'match' hits (and counts) only the requests it names", () => {
    const book = new FaultBook();
    book.set('thundercloud', { mode: 'status', status: 503, count: 1, match: 'POST /api/v0/transaction' }, t0);
    expect(book.take('thundercloud', t0, 'GET /api/v0/customer/0101JAC')).toBeNull();
    expect(book.take('thundercloud', t0, 'GET /api/v0/transaction/abc')).toBeNull();
    expect(book.take('thundercloud', t0, 'POST /api/v0/transaction/')).toMatchObject({ mode: 'status', status: 503, match: 'POST /api/v0/transaction', hits: 1, remaining: 0 });
    expect(book.take('thundercloud', t0, 'POST /api/v0/transaction/')).toBeNull();
  });

  it('hands over to `then` once the count is used up, and once the time is up (from when it ran out)', () => {
    const book = new FaultBook();
    book.set('koios', { mode: 'error500_after_apply', count: 1, then: { mode: 'down' } }, t0);
    expect(book.take('koios', t0)?.mode).toBe('error500_after_apply');
    expect(book.list(t0)).toEqual([{ target: 'koios', mode: 'down', delayMs: 0, remaining: null, endsAt: null, hits: 0 }]);
    expect(book.take('koios', t0 + 1)?.mode).toBe('down');
    expect(book.take('koios', t0 + 60_000)?.mode).toBe('down');

    book.set('meis', { mode: 'slow', delayMs: 10, forMs: 100, then: { mode: 'error500', forMs: 50, then: { mode: 'down', count: 1 } } }, t0);
    expect(book.take('meis', t0 + 99)?.mode).toBe('slow');
    expect(book.take('meis', t0 + 120)).toMatchObject({ mode: 'error500', endsAt: t0 + 150 });
    expect(book.take('meis', t0 + 1_000)).toMatchObject({ mode: 'down', remaining: 0 });
    expect(book.take('meis', t0 + 1_001)).toBeNull();
  });

  it('returns copies, so callers cannot change the book', () => {
    const book = new FaultBook();
    book.set('koios', { mode: 'error500', count: 3 }, t0);
    const taken = book.take('koios', t0)!;
    taken.remaining = 0;
    expect(book.list(t0)[0].remaining).toBe(2);
  });
});

describe('faultSpecProblem', () => {
  it('allows error500_after_apply only where a write is applied: the meter vendors and OMIS', () => {
    expect(faultSpecProblem('moncash', { mode: 'error500_after_apply' })).toMatch(/koios, thundercloud, omis only/);
    expect(faultSpecProblem('meis', { mode: 'error500_after_apply' })).toMatch(/koios, thundercloud, omis only/);
    expect(faultSpecProblem('koios', { mode: 'error500_after_apply' })).toBeNull();
    expect(faultSpecProblem('thundercloud', { mode: 'error500_after_apply' })).toBeNull();
    expect(faultSpecProblem('omis', { mode: 'error500_after_apply' })).toBeNull();
    expect(faultSpecProblem('moncash', { mode: 'down' })).toBeNull();
    expect(faultSpecProblem('meis', { mode: 'slow', delayMs: 50 })).toBeNull();
  });
});

describe('faultSpecProblem for status and then', () => {
  it("needs a status for mode 'status' only, and count or forMs before a then (checked too)", () => {
    expect(faultSpecProblem('koios', { mode: 'status' })).toMatch(/needs status/);
    expect(faultSpecProblem('koios', { mode: 'error500', status: 503 })).toMatch(/with mode 'status' only/);
    expect(faultSpecProblem('koios', { mode: 'status', status: 401 })).toBeNull();
    expect(faultSpecProblem('koios', { mode: 'down', then: { mode: 'error500' } })).toMatch(/then needs count or forMs/);
    expect(faultSpecProblem('moncash', { mode: 'down', count: 1, then: { mode: 'error500_after_apply' } })).toMatch(/^then: error500_after_apply applies/);
    expect(faultSpecProblem('koios', { mode: 'error500_after_apply', count: 1, then: { mode: 'down' } })).toBeNull();
  });
});

describe('fault targets', () => {
  it('include the national systems, kept apart from each other and the vendors', () => {
    expect(isFaultTarget('omis')).toBe(true);
    expect(isFaultTarget('meis')).toBe(true);
    expect(isFaultTarget('nida')).toBe(false);
    const book = new FaultBook();
    book.set('omis', { mode: 'slow', delayMs: 50 }, 0);
    expect(book.take('meis', 0)).toBeNull();
    expect(book.take('koios', 0)).toBeNull();
    expect(book.take('omis', 0)).toMatchObject({ target: 'omis', mode: 'slow', delayMs: 50, hits: 1 });
  });
});
