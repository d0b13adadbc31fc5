import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@limye/platform';
import { CustomerRegistryEnv } from '../config/customer-registry.env';

/** What the lockout says of an attempt about to check a password. */
export type AttemptVerdict = { locked: false; attempt: number } | { locked: true; retryAfterSeconds: number };

/**
 * Locks an e-mail address for AUTH_LOCKOUT_SECONDS after AUTH_LOCKOUT_ATTEMPTS wrong passwords in a row, known
 * address or not (table sign_in_attempts). An attempt is counted BEFORE its password is checked, in one
 * statement, so a burst of parallel guesses gets no more checks than the limit; a correct password clears
 * the count. Failures older than the lockout period no longer count.
 */
@Injectable()
export class SignInLockout {
  constructor(
    private readonly ds: DataSource,
    @Inject(SERVICE_ENV) private readonly env: CustomerRegistryEnv,
  ) {}

  /** Counts an attempt for `email` (lower-cased) and says whether its password may be checked. */
  async begin(email: string): Promise<AttemptVerdict> {
    const period = this.env.AUTH_LOCKOUT_SECONDS;
    const [row] = (await this.ds.query(
      `INSERT INTO "sign_in_attempts" AS a ("email", "attempts", "last_attempt_at") VALUES ($1, 1, now())
       ON CONFLICT ("email") DO UPDATE SET
         "attempts" = CASE
           WHEN a."locked_until" IS NOT NULL AND a."locked_until" <= now() THEN 1
           WHEN a."locked_until" IS NULL AND a."last_attempt_at" < now() - make_interval(secs => $2) THEN 1
           ELSE a."attempts" + 1 END,
         "locked_until" = CASE WHEN a."locked_until" <= now() THEN NULL ELSE a."locked_until" END,
         "last_attempt_at" = now()
       RETURNING "attempts", CEIL(EXTRACT(EPOCH FROM ("locked_until" - now())))::int AS "retry_after"`,
      [email, period],
    )) as Array<{ attempts: number; retry_after: number | null }>;
    if (row.retry_after !== null && row.retry_after > 0) return { locked: true, retryAfterSeconds: row.retry_after };
    // More attempts than the limit with no lock yet: parallel guesses still in flight. Lock now.
    if (row.attempts > this.env.AUTH_LOCKOUT_ATTEMPTS) return { locked: true, retryAfterSeconds: await this.lock(email) };
    return { locked: false, attempt: row.attempts };
  }

  /**
   * After a wrong password: locks the address when that was the last allowed attempt (the answer is then
   * the lockout's), else says how many remain.
   */
  async failed(email: string, attempt: number): Promise<AttemptVerdict> {
    if (attempt < this.env.AUTH_LOCKOUT_ATTEMPTS) return { locked: false, attempt };
    return { locked: true, retryAfterSeconds: await this.lock(email) };
  }

  /** After a correct password: the count starts again. Also forgets addresses not tried for a day or more. */
  async succeeded(email: string): Promise<void> {
    await this.ds.query(`DELETE FROM "sign_in_attempts" WHERE "email" = $1`, [email]);
    await this.ds.query(
      `DELETE FROM "sign_in_attempts" WHERE "last_attempt_at" < now() - make_interval(secs => $1) AND ("locked_until" IS NULL OR "locked_until" < now())`,
      [Math.max(86400, this.env.AUTH_LOCKOUT_SECONDS)],
    );
  }

  private async lock(email: string): Promise<number> {
    const period = this.env.AUTH_LOCKOUT_SECONDS;
    await this.ds.query(
      `UPDATE "sign_in_attempts" SET "locked_until" = now() + make_interval(secs => $2) WHERE "email" = $1 AND ("locked_until" IS NULL OR "locked_until" <= now())`,
      [email, period],
    );
    return period;
  }
}
