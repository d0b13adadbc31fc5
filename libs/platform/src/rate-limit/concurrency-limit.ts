/** Gives back a slot taken with KeyedConcurrencyLimit.acquire. Calling it twice is harmless. */
export type Release = () => void;

interface Slots {
  inUse: number;
  waiting: Array<(release: Release) => void>;
}

/**
 * At most `limit` holders at once per key (e.g. MonCash verifications per organisation); others wait in FIFO
 * order, each for at most the time it is willing to, and are told null when that passes — the caller then
 * puts its work back in its queue instead of holding a worker slot. In memory: per process.
 */
export class KeyedConcurrencyLimit {
  private readonly keys = new Map<string, Slots>();

  constructor(private readonly limit: number) {}

  acquire(key: string, waitMs: number): Promise<Release | null> {
    let slots = this.keys.get(key);
    if (!slots) {
      slots = { inUse: 0, waiting: [] };
      this.keys.set(key, slots);
    }
    if (slots.inUse < this.limit) {
      slots.inUse++;
      return Promise.resolve(this.releaser(key, slots));
    }
    const s = slots;
    return new Promise((resolve) => {
      const grant = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        const i = s.waiting.indexOf(grant);
        if (i >= 0) s.waiting.splice(i, 1);
        resolve(null);
      }, waitMs);
      s.waiting.push(grant);
    });
  }

  /** Holders now, for a key (tests, metrics). */
  inUse(key: string): number {
    return this.keys.get(key)?.inUse ?? 0;
  }

  private releaser(key: string, slots: Slots): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.waiting.shift();
      // The slot passes straight to the next waiter; with none, it is given back (and an idle key forgotten).
      if (next) next(this.releaser(key, slots));
      else if (--slots.inUse === 0) this.keys.delete(key);
    };
  }
}
