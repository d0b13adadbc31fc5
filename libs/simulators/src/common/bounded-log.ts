/**
 * The last `capacity` entries of a log, oldest first. Adding is O(1) however full it is (a ring: the
 * oldest entry is overwritten in place), where `push` then `splice(0, 1)` would move every entry on
 * every request once the log is full.
 */
export class BoundedLog<T> {
  private entries: T[] = [];
  /** Where the oldest entry is once the ring is full (and so where the next one goes). */
  private start = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get length(): number {
    return this.entries.length;
  }

  add(entry: T): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first: the live entries, not copies. */
  toArray(): T[] {
    return this.start === 0 ? [...this.entries] : [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
