import { CoalescingTimer } from './coalescing-timer';

describe('CoalescingTimer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once for a burst of requests, at the earliest time asked', () => {
    const fn = jest.fn();
    const t = new CoalescingTimer(fn);
    t.schedule(100);
    t.schedule(20);
    t.schedule(50);
    jest.advanceTimersByTime(19);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('can be scheduled again after it ran, and never after stop', () => {
    const fn = jest.fn();
    const t = new CoalescingTimer(fn);
    t.schedule(10);
    jest.advanceTimersByTime(10);
    t.schedule(10);
    jest.advanceTimersByTime(10);
    expect(fn).toHaveBeenCalledTimes(2);
    t.schedule(10);
    t.stop();
    t.schedule(10);
    jest.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(t.pending).toBe(false);
  });
});
