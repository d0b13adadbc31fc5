import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCodes } from '@limye/contracts';
import type { BaseServiceEnv } from '../config/env';
import { counter } from '../metrics/metrics';
import { SERVICE_ENV } from '../platform.tokens';
import { clientAddress } from './client-address';
import { parseRateLimitRule } from './rate-limit-rule';
import { TokenBuckets } from './token-buckets';

/**
 * A public endpoint's limits: per source address and per account (what the caller acts on: a MonCash
 * transaction or order, a USSD phone number, a username). Each rule is read from the service's env variable
 * `env` (declared in its env class with @IsRateLimitRule, so a bad value stops the start), else `fallback`.
 */
export interface RateLimitPolicy {
  /** Metric label and log name, e.g. 'moncash-callback'. */
  name: string;
  perAddress?: { env: string; fallback: string };
  perAccount?: { env: string; fallback: string; key: (req: Request) => string | undefined };
}

export type RateLimitVerdict = { limited: false } | { limited: true; scope: 'address' | 'account'; retryAfterSeconds: number };

/** A 429 with Retry-After (set by the platform's error filter) and the JSON error body. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number, scope: 'address' | 'account') {
    super(ErrorCodes.rateLimited, `too many requests from this ${scope === 'address' ? 'address' : 'account'}; try again in ${retryAfterSeconds} s`, 429, {
      retryAfterSeconds,
    });
  }
}

const limited = counter('limye_rate_limited_total', 'Requests refused by a rate limit', ['policy', 'scope']);
/** A refused key is logged at most this often per policy and scope (a flood must not flood the logs too). */
const LOG_EVERY_MS = 10_000;

/** Keeps every policy's buckets for this process; RateLimit (the decorator) and code like the USSD controller ask it. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly buckets = new Map<string, TokenBuckets | null>();
  private readonly lastLogged = new Map<string, { at: number; refused: number }>();

  constructor(@Inject(SERVICE_ENV) private readonly env: BaseServiceEnv) {}

  /** `account`: the account key when the caller already read it (else the policy's `key` reads it from `req`). */
  check(policy: RateLimitPolicy, req: Request, account?: string): RateLimitVerdict {
    if (policy.perAddress) {
      const wait = this.take(policy, 'address', policy.perAddress, clientAddress(req, this.env.TRUSTED_PROXY_HOPS));
      if (wait > 0) return { limited: true, scope: 'address', retryAfterSeconds: wait };
    }
    if (policy.perAccount) {
      const key = account ?? policy.perAccount.key(req);
      if (key !== undefined && key !== '') {
        const wait = this.take(policy, 'account', policy.perAccount, key.slice(0, 200));
        if (wait > 0) return { limited: true, scope: 'account', retryAfterSeconds: wait };
      }
    }
    return { limited: false };
  }

  private take(policy: RateLimitPolicy, scope: 'address' | 'account', rule: { env: string; fallback: string }, key: string): number {
    const id = `${policy.name}:${scope}`;
    let buckets = this.buckets.get(id);
    if (buckets === undefined) {
      const configured = (this.env as unknown as Record<string, unknown>)[rule.env];
      const parsed = parseRateLimitRule(typeof configured === 'string' && configured !== '' ? configured : rule.fallback);
      buckets = parsed ? new TokenBuckets(parsed, this.env.RATE_LIMIT_MAX_KEYS) : null;
      this.buckets.set(id, buckets);
    }
    if (!buckets) return 0;
    const wait = buckets.take(key);
    if (wait > 0) this.refused(policy.name, scope, rule.env);
    return wait;
  }

  private refused(policy: string, scope: string, variable: string): void {
    limited.inc({ policy, scope });
    const id = `${policy}:${scope}`;
    const now = Date.now();
    const last = this.lastLogged.get(id) ?? { at: 0, refused: 0 };
    last.refused++;
    if (now - last.at >= LOG_EVERY_MS) {
      // No key in the line: an address or an account is personal data, and the metric has the counts.
      this.logger.warn({ msg: 'rate limit refusing requests', policy, scope, refusedSinceLastLine: last.refused, setting: variable });
      last.at = now;
      last.refused = 0;
    }
    this.lastLogged.set(id, last);
  }
}
