import { RestartBackoff } from './restart-backoff';

describe('RestartBackoff (how long npm start waits before starting a crashed process again)', () => {
  it('waits 1 s, then doubles while it keeps failing, at most 30 s', () => {
    const backoff = new RestartBackoff();
    const waits = [backoff.next(5_000), ...Array.from({ length: 7 }, () => backoff.next())];
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('a crash after a minute up starts again from 1 s; one sooner keeps doubling', () => {
    const backoff = new RestartBackoff();
    backoff.next(1_000);
    backoff.next(1_000);
    expect(backoff.next(59_999)).toBe(4000);
    expect(backoff.next(60_000)).toBe(1000);
    expect(backoff.next(10)).toBe(2000);
  });

  it('stays finite however long it keeps failing', () => {
    const backoff = new RestartBackoff();
    for (let i = 0; i < 2000; i++) backoff.next();
    expect(backoff.next()).toBe(30000);
  });
});
