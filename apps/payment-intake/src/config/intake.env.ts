import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseServiceEnv, IsRateLimitRule } from '@limye/platform';

const HTTP_URL = /^https?:\/\/[^\s]+[^/\s]$/;

export class IntakeEnv extends BaseServiceEnv {
  /** The sandbox's test credentials must never be sent to a real MonCash host. */
  override crossFieldProblems(): string[] {
    const local = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(this.MONCASH_BASE_URL);
    const sandboxCredentials = this.MONCASH_CLIENT_ID === 'sandbox-client' || this.MONCASH_CLIENT_SECRET === 'sandbox-secret';
    return !local && sandboxCredentials ? ['MONCASH_CLIENT_ID/MONCASH_CLIENT_SECRET: set real credentials for a non-local MONCASH_BASE_URL'] : [];
  }

  @IsInt() @Min(0) @Max(65535)
  PAYMENT_INTAKE_PORT: number = 3001;

  /** MonCash REST host, ending in /Api (sandbox simulator by default). */
  @Matches(/^https?:\/\/\S+\/Api$/, { message: 'MONCASH_BASE_URL must be an http(s) URL ending in /Api' })
  MONCASH_BASE_URL: string = 'http://127.0.0.1:3100/Api';

  /** MonCash gateway base the payer is redirected to (…/Moncash-middleware). */
  @Matches(HTTP_URL, { message: 'MONCASH_GATEWAY_URL must be an http(s) URL without a trailing slash' })
  MONCASH_GATEWAY_URL: string = 'http://127.0.0.1:3100/Moncash-middleware';

  /** Defaults are the sandbox simulator's own test credentials; real ones come from the environment. */
  @IsString() @MinLength(1) @MaxLength(256)
  MONCASH_CLIENT_ID: string = 'sandbox-client';

  @IsString() @MinLength(1) @MaxLength(256)
  MONCASH_CLIENT_SECRET: string = 'sandbox-secret';

  @IsInt() @Min(100) @Max(120000)
  MONCASH_TIMEOUT_MS: number = 10000;

  /**
   * MonCash's "not found" answers before a transaction is REJECTED. 1: a forged alert costs MonCash one query.
   * Raise it only if MonCash is seen to lag behind its own alerts (a paid order is found by the reconciler anyway).
   */
  @IsInt() @Min(1) @Max(100)
  MONCASH_VERIFY_ATTEMPTS: number = 1;

  /**
   * A REJECTED transaction named again by an alert or a return within this long is answered as it is (REJECTED),
   * without asking MonCash again; after it, it is reopened and verified once more. 0: always reopened. The
   * reconciler (MonCash's own RetrieveOrderPayment naming it) and an operator's retry reopen it at any time.
   */
  @IsInt() @Min(0) @Max(30 * 86400000)
  MONCASH_REJECTED_RECHECK_AFTER_MS: number = 86400000;

  /** Verifications (RetrieveTransactionPayment) in flight at once per organisation, per process; the rest wait their turn. */
  @IsInt() @Min(1) @Max(500)
  MONCASH_VERIFY_CONCURRENCY: number = 8;

  /** How long a payment waits in the process for a verification slot before it goes back to the queue (due again in about a second). */
  @IsInt() @Min(0) @Max(60000)
  MONCASH_VERIFY_WAIT_MS: number = 5000;

  /** MonCash's Alert and Return URLs, per source address (MonCash itself sends from few addresses). */
  @IsRateLimitRule()
  MONCASH_CALLBACK_RATE_LIMIT_PER_ADDRESS: string = '300/s burst 600';

  /** The same, per payment named (its order id, else its transaction id): MonCash sends an alert, the payer's browser a return. */
  @IsRateLimitRule()
  MONCASH_CALLBACK_RATE_LIMIT_PER_PAYMENT: string = '2/s burst 30';

  /** How often orders without a payment are checked with RetrieveOrderPayment (covers lost alerts). */
  @IsInt() @Min(200) @Max(3600000)
  MONCASH_RECONCILE_INTERVAL_MS: number = 30000;

  /** How long after checkout an order is still checked for a payment. */
  @IsInt() @Min(1) @Max(720)
  MONCASH_ORDER_WATCH_HOURS: number = 24;

  /** Country of phone numbers MonCash reports (payer), for matching by phone. */
  @Matches(/^[A-Z]{2}$/)
  MONCASH_COUNTRY: string = 'HT';

  /** meter-adapter answers a delivery request after trying the vendor once: give it that long. */
  @IsInt() @Min(100) @Max(120000)
  METER_REQUEST_TIMEOUT_MS: number = 15000;

  @IsInt() @Min(10) @Max(60000)
  PAYMENT_WORKER_POLL_MS: number = 250;

  @IsInt() @Min(1) @Max(500)
  PAYMENT_WORKER_CONCURRENCY: number = 64;

  /** A picked payment is leased this long; a crashed worker's payments are picked again after it. */
  @IsInt() @Min(1000) @Max(600000)
  PAYMENT_LEASE_MS: number = 30000;

  @IsInt() @Min(10) @Max(600000)
  PAYMENT_RETRY_BASE_MS: number = 1000;

  @IsInt() @Min(100) @Max(3600000)
  PAYMENT_RETRY_MAX_MS: number = 60000;
}
