import type { RateLimitRule } from './rate-limit-rule';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key, in memory (one replica's view: see docs/operations.md). At most `maxKeys` keys are
 * kept; past that the key touched longest ago is forgotten (a Map keeps insertion order, and a touched key is
 * moved to the end), so a flood of distinct keys costs bounded memory — a forgotten key starts again full.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: RateLimitRule,
    private readonly maxKeys: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes a token for `key`: 0 when there was one, else the whole seconds until there is (for Retry-After, at least 1). */
  take(key: string): number {
    const t = this.now();
    const { perSecond, burst } = this.rule;
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
    } else {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      bucket = { tokens: burst, at: t };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }
}
