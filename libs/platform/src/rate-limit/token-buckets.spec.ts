import { parseRateLimitRule } from './rate-limit-rule';
import { TokenBuckets } from './token-buckets';
import { KeyedConcurrencyLimit } from './concurrency-limit';
import { clientAddress } from './client-address';
import type { Request } from 'express';

describe('parseRateLimitRule', () => {
  it('reads rates per second, minute and hour with their burst, and off', () => {
    expect(parseRateLimitRule('300/s burst 600')).toEqual({ perSecond: 300, burst: 600 });
    expect(parseRateLimitRule('30/min, burst 5')).toEqual({ perSecond: 0.5, burst: 5 });
    expect(parseRateLimitRule('10/h')).toEqual({ perSecond: 10 / 3600, burst: 10 });
    expect(parseRateLimitRule(' OFF ')).toBeNull();
  });
  it.each(['', '300', '0/s', '5/day', '5/s burst 0', 'fast'])('refuses %j', (text) => {
    expect(() => parseRateLimitRule(text)).toThrow(/rate limit|above 0/);
  });
});

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('lets a burst through, then refuses with the seconds until the next token, and refills at the rate', () => {
    const b = new TokenBuckets({ perSecond: 2, burst: 3 }, 100, clock);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0]);
    expect(b.take('a')).toBe(1);
    now += 500; // one token back
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBe(1);
    expect(b.take('b')).toBe(0); // another key has its own bucket
  });

  it('says how long a slow rule makes the caller wait', () => {
    const b = new TokenBuckets({ perSecond: 1 / 60, burst: 1 }, 100, clock);
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBe(60);
    now += 30_000;
    expect(b.take('a')).toBe(30);
  });

  it('keeps at most maxKeys keys, forgetting the one seen longest ago', () => {
    const b = new TokenBuckets({ perSecond: 1, burst: 1 }, 3, clock);
    for (const k of ['a', 'b', 'c']) b.take(k);
    b.take('a'); // refused, and now the most recent
    b.take('d'); // evicts b
    expect(b.size).toBe(3);
    expect(b.take('b')).toBe(0); // forgotten: full again
    expect(b.take('a')).toBe(1); // still remembered: still empty
  });
});

describe('KeyedConcurrencyLimit', () => {
  it('holds at most `limit` per key, hands a freed slot to the longest waiter, and tells a waiter null after its wait', async () => {
    const limit = new KeyedConcurrencyLimit(2);
    const r1 = await limit.acquire('k', 1000);
    const r2 = await limit.acquire('k', 1000);
    expect(await limit.acquire('other', 10)).not.toBeNull();
    const third = limit.acquire('k', 5000);
    const timedOut = await limit.acquire('k', 20);
    expect(timedOut).toBeNull();
    expect(limit.inUse('k')).toBe(2);
    r1!();
    r1!(); // twice is harmless
    const r3 = await third;
    expect(r3).not.toBeNull();
    expect(limit.inUse('k')).toBe(2);
    r2!();
    r3!();
    expect(limit.inUse('k')).toBe(0);
  });
});

describe('clientAddress', () => {
  const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as unknown as Request;
  it('is the socket peer unless proxies of ours are trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(req('10.0.0.5', '6.6.6.6'), 0)).toBe('10.0.0.5');
    // One ingress of ours appended the client it saw; what the client wrote before that is not believed.
    expect(clientAddress(req('10.0.0.5', '6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.5', '6.6.6.6, 203.0.113.9, 10.0.0.4'), 2)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});
