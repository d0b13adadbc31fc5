/**
 * mulberry32: a tiny 32-bit PRNG. Not for secrets; it makes the simulated population the same for the
 * same seed on every machine and every start, so tests and demos can name households in advance.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `n` decimal digits, leading zeros allowed. Up to 9 digits per draw: a 32-bit draw covers 10^9 evenly enough. */
  digits(n: number): string {
    let out = '';
    while (out.length < n) {
      const k = Math.min(9, n - out.length);
      out += String(Math.floor(this.next() * 10 ** k)).padStart(k, '0');
    }
    return out;
  }
}
