import { BoundedLog } from './bounded-log';

describe('BoundedLog', () => {
  it('keeps the last `capacity` entries, oldest first, however many were added', () => {
    const log = new BoundedLog<number>(3);
    expect(log.toArray()).toEqual([]);
    log.add(1);
    log.add(2);
    expect(log.toArray()).toEqual([1, 2]);
    for (let i = 3; i <= 10; i++) {
      log.add(i);
      expect(log.toArray()).toEqual([i - 2, i - 1, i]);
    }
    expect(log.length).toBe(3);
  });

  it('starts empty again after clear', () => {
    const log = new BoundedLog<string>(2);
    ['a', 'b', 'c'].forEach((x) => log.add(x));
    log.clear();
    expect(log.length).toBe(0);
    log.add('d');
    expect(log.toArray()).toEqual(['d']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedLog(0)).toThrow(RangeError);
    expect(() => new BoundedLog(1.5)).toThrow(RangeError);
  });
});
