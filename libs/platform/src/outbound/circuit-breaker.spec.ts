import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 10_000 }, () => now);
  beforeEach(() => (now = 1_000_000));

  it('stays closed until the threshold of failures in a row', () => {
    const b = breaker();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });

  it('a success in between resets the count', () => {
    const b = breaker();
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
  });

  it('after the open period lets exactly one trial through; its success closes the circuit', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 9_999;
    expect(b.tryAcquire()).toBe(false);
    now += 1;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it for another full period', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 10_000;
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    now += 9_999;
    expect(b.tryAcquire()).toBe(false);
    now += 1;
    expect(b.tryAcquire()).toBe(true);
  });

  it('a released trial (abandoned call) lets another trial go', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now += 10_000;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.tryAcquire()).toBe(true);
  });
});

describe('CircuitBreaker transitions', () => {
  it('says which failure opened it and which success closed it', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 2, openMs: 100 }, () => now);
    expect(b.recordFailure()).toBe(false);
    expect(b.recordFailure()).toBe(true);
    expect(b.recordFailure()).toBe(false); // already open
    now = 100;
    expect(b.tryAcquire()).toBe(true);
    expect(b.recordSuccess()).toBe(true);
    expect(b.recordSuccess()).toBe(false);
  });
});
