import { PeriodicPass } from './periodic-pass';

/** A pass that stays running until released, counting its starts. */
function controllablePass() {
  const releases: Array<(n: number) => void> = [];
  let starts = 0;
  const pass = () =>
    new Promise<number>((resolve) => {
      starts += 1;
      releases.push(resolve);
    });
  return { pass, starts: () => starts, release: (n: number) => releases.shift()?.(n) };
}

describe('PeriodicPass', () => {
  afterEach(() => jest.useRealTimers());

  it('runs one pass at a time: a second ask joins the running pass and gets its result', async () => {
    const c = controllablePass();
    const p = new PeriodicPass(c.pass);
    const a = p.run();
    const b = p.run();
    expect(c.starts()).toBe(1);
    c.release(7);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
    const next = p.run();
    expect(c.starts()).toBe(2);
    c.release(3);
    await expect(next).resolves.toBe(3);
  });

  it('runs on its interval (and at once when asked), never overlapping a slow pass', async () => {
    jest.useFakeTimers();
    const c = controllablePass();
    const p = new PeriodicPass(c.pass);
    p.start(1000, { immediately: true });
    expect(c.starts()).toBe(1);
    jest.advanceTimersByTime(3000); // still running: the ticks join it
    expect(c.starts()).toBe(1);
    c.release(0);
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(c.starts()).toBe(2);
    c.release(0);
    await p.stop();
  });

  it('a failed pass rejects for its caller; the next pass runs normally', async () => {
    let fail = true;
    const p = new PeriodicPass(async () => {
      if (fail) throw new Error('db down');
      return 1;
    });
    await expect(p.run()).rejects.toThrow('db down');
    fail = false;
    await expect(p.run()).resolves.toBe(1);
  });

  it('stop waits for the running pass and ends the schedule', async () => {
    jest.useFakeTimers();
    const c = controllablePass();
    const p = new PeriodicPass(c.pass);
    p.start(1000);
    jest.advanceTimersByTime(1000);
    expect(c.starts()).toBe(1);
    let stopped = false;
    const stopping = p.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    c.release(0);
    await stopping;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(5000);
    expect(c.starts()).toBe(1);
  });
});
