import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { BaseServiceEnv, IsRateLimitRule } from '@limye/platform';
import { buildRules, parseBudgets, RuleConfigError } from '../programme/domain/programme-rules';
import { PhoneDisclosure } from '../reports/domain/csv';

const HTTP_URL = /^https?:\/\/[^\s]+[^/\s]$/;

/**
 * The eligibility service's settings. Names here are public contracts operators configure against
 * (see README "Environment" and docs/eligibility.md); keep them.
 */
export class EligibilityEnv extends BaseServiceEnv {
  /** The sandbox's test keys must never be sent to a real national system. */
  override crossFieldProblems(): string[] {
    const local = (url: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);
    const problems: string[] = [];
    if (!local(this.OMIS_BASE_URL) && this.OMIS_API_KEY === 'sandbox-omis-key') problems.push('OMIS_API_KEY: set the real key for a non-local OMIS_BASE_URL');
    if (!local(this.MEIS_BASE_URL) && this.MEIS_API_KEY === 'sandbox-meis-key') problems.push('MEIS_API_KEY: set the real key for a non-local MEIS_BASE_URL');
    // The rule tables are parsed here too, so a bad one stops the service with exit 78 like any bad variable.
    for (const parse of [() => buildRules(this), () => parseBudgets(this.RBF_BUDGETS_RWF)]) {
      try {
        parse();
      } catch (err) {
        if (err instanceof RuleConfigError) problems.push(err.message);
        else throw err;
      }
    }
    return problems;
  }

  @IsInt() @Min(0) @Max(65535)
  ELIGIBILITY_PORT: number = 3005;

  /** USSD hops per source address: a gateway sends every session from few addresses, so this is high. */
  @IsRateLimitRule()
  USSD_RATE_LIMIT_PER_ADDRESS: string = '500/s burst 1000';

  /**
   * USSD hops per phone number. A person types a hop every few seconds; this stops a loop or a flood for one phone
   * (past it the phone gets the "busy" END screen) and leaves room for an agent's back-to-back sessions.
   */
  @IsRateLimitRule()
  USSD_RATE_LIMIT_PER_PHONE: string = '20/s burst 300';

  /**
   * Optional key for the staff allowed to see callers' full phone numbers: sent as `X-API-Key` beside their
   * bearer token (a role that may read the request log), it turns `?phones=full` of the request-log CSV on.
   * Empty: nobody gets full phone numbers over the API. The admin API itself needs a token (docs/access.md).
   */
  @ValidateIf((env: EligibilityEnv) => env.ELIGIBILITY_PII_API_KEY !== '')
  @IsString() @MinLength(16, { message: 'ELIGIBILITY_PII_API_KEY must be at least 16 characters (or empty: nobody gets full phone numbers)' }) @MaxLength(256)
  ELIGIBILITY_PII_API_KEY: string = '';

  // ── National systems ────────────────────────────────────────────────────────────────────────────
  /** OMIS (off-grid sales registry): subsidy status of households, sales. Sandbox simulator by default. */
  @Matches(HTTP_URL, { message: 'OMIS_BASE_URL must be an http(s) URL without a trailing slash' })
  OMIS_BASE_URL: string = 'http://127.0.0.1:3100/omis';

  /** Sent as `X-API-Key` to OMIS. */
  @IsString() @MinLength(1) @MaxLength(256)
  OMIS_API_KEY: string = 'sandbox-omis-key';

  /** MEIS (LODA household registry): person → household, members, social category. */
  @Matches(HTTP_URL, { message: 'MEIS_BASE_URL must be an http(s) URL without a trailing slash' })
  MEIS_BASE_URL: string = 'http://127.0.0.1:3100/meis';

  /** Sent as `X-API-Key` to MEIS. */
  @IsString() @MinLength(1) @MaxLength(256)
  MEIS_API_KEY: string = 'sandbox-meis-key';

  /** Timeout of one HTTP attempt to OMIS or MEIS. */
  @IsInt() @Min(50) @Max(30000)
  NATIONAL_SYSTEMS_TIMEOUT_MS: number = 1200;

  /**
   * A whole lookup (MEIS and OMIS in parallel, reads retried) must end within this, so the agent gets a
   * polite END well before the gateway's ~10 s limit.
   */
  @IsInt() @Min(100) @Max(9000)
  LOOKUP_DEADLINE_MS: number = 2500;

  /** How often the OMIS write outbox is polled, and the first retry delay (doubles up to 5 min). */
  @IsInt() @Min(10) @Max(600000)
  OMIS_OUTBOX_POLL_MS: number = 1000;

  // ── Programme rules (configurable without code) ──────────────────────────────────────────────────
  /** Incentive % per legacy Ubudehe category (tier): `1:90,2:70,3:45,4:0`. */
  @Matches(/^\s*[1-9]\s*:\s*\d{1,3}\s*(,\s*[1-9]\s*:\s*\d{1,3}\s*)*$/, { message: 'RBF_INCENTIVE_PERCENT must look like 1:90,2:70,3:45,4:0' })
  RBF_INCENTIVE_PERCENT: string = '1:90,2:70,3:45,4:0';

  /** 2020 Ubudehe categories A–E mapped to a legacy tier: `A:4,B:4,C:3,D:2,E:1`. No official mapping exists: confirm with the programme. */
  @Matches(/^\s*[A-Z]\s*:\s*[1-9]\s*(,\s*[A-Z]\s*:\s*[1-9]\s*)*$/, { message: 'RBF_CATEGORY_MAP must look like A:4,B:4,C:3,D:2,E:1' })
  RBF_CATEGORY_MAP: string = 'A:4,B:4,C:3,D:2,E:1';

  /** Initial budget per tier in RWF, applied only to tiers that have no budget yet (then managed via the admin API). */
  @IsOptional() @Matches(/^(\s*[1-9]\s*:\s*\d{1,15}\s*(,\s*[1-9]\s*:\s*\d{1,15}\s*)*)?$/, { message: 'RBF_BUDGETS_RWF must look like 1:100000000,2:50000000' })
  RBF_BUDGETS_RWF: string = '';

  /** Days an unconfirmed sale holds its budget reservation before it is released. */
  @IsInt() @Min(1) @Max(365)
  RBF_RESERVATION_DAYS: number = 14;

  // ── Agents ───────────────────────────────────────────────────────────────────────────────────────
  @IsInt() @Min(1) @Max(20)
  AGENT_PIN_MAX_ATTEMPTS: number = 5;

  @IsInt() @Min(1) @Max(10080)
  AGENT_LOCK_MINUTES: number = 30;

  // ── USSD ─────────────────────────────────────────────────────────────────────────────────────────
  /** Server-side session life; gateways end theirs after about 180 s. */
  @IsInt() @Min(10) @Max(3600)
  USSD_SESSION_TTL_S: number = 180;

  /**
   * "Latest input only" gateways (Arkesel) carry no hop number: the same input again within this many ms
   * of the previous reply is taken as the gateway's copy of that hop (answered with the same screen, nothing
   * done), since no one can read a screen and answer in that time. 0 turns it off.
   */
  @IsInt() @Min(0) @Max(10000)
  USSD_REPEAT_WINDOW_MS: number = 2000;

  /** Rwanda's administrative units (provinces → villages), JSON `provinces[].districts[].sectors[].cells[].villages[]`. Empty: the project's own `data/rwanda-locations.json`. */
  @IsString()
  LOCATIONS_FILE: string = '';

  // ── Reports ──────────────────────────────────────────────────────────────────────────────────────
  /** Folder for the daily request-log CSV (`ussd-requests-YYYY-MM-DD.csv`); empty disables the daily file. */
  @IsString()
  REPORTS_EXPORT_DIR: string = '';

  /** Phone numbers in the daily file: `masked` (last 3 digits, as in the API's default CSV) or `full`. */
  @IsIn(['masked', 'full'], { message: 'REPORTS_EXPORT_PHONES must be masked or full' })
  REPORTS_EXPORT_PHONES: PhoneDisclosure = 'masked';

  /** Days and times in reports are in this zone. */
  @IsIn(['Africa/Kigali', 'UTC'])
  REPORTS_TIMEZONE: string = 'Africa/Kigali';

  /** Request-log rows older than this are deleted (GDPR storage limitation). */
  @IsInt() @Min(1) @Max(3650)
  REQUEST_LOG_RETENTION_DAYS: number = 365;
}
