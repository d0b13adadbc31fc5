import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';

/** Thrown when the environment does not validate; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Variables every service reads. Subclasses add their own; this is the only reader of process.env. */
export class BaseServiceEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Matches(/^(nats|tls|wss?):\/\/[^\s,]+(,(nats|tls|wss?):\/\/[^\s,]+)*$/, {
    message: 'NATS_URL must be one or more nats:// URLs separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres:postgres@127.0.0.1:5432/limye';

  /**
   * Where migrations run at start; empty: DATABASE_URL. Set it to the primary itself when DATABASE_URL goes
   * through a transaction-mode pooler (PgBouncer): the migrations' session-level advisory lock must stay on
   * one server connection, which such a pooler does not guarantee between statements.
   */
  @ValidateIf((env: BaseServiceEnv) => env.DATABASE_MIGRATIONS_URL !== '')
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_MIGRATIONS_URL must be a postgres:// URL (or empty: DATABASE_URL)' })
  DATABASE_MIGRATIONS_URL: string = '';

  /** Postgres schema of the service; empty means the service's own name (tests use a throwaway one). */
  @IsString() @Matches(/^([a-z_][a-z0-9_]{0,62})?$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA: string = '';

  @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * A pooled connection idle this long is closed; 0 (the default) keeps it. A new connection costs a backend
   * start, a SCRAM exchange and every hot statement prepared again: pg's own 10 s default made the pools shrink
   * and grow again all day under a steady load.
   */
  @IsInt() @Min(0) @Max(86400000)
  DATABASE_POOL_IDLE_TIMEOUT_MS: number = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsInt() @Min(50) @Max(120000)
  NATS_REQUEST_TIMEOUT_MS: number = 5000;

  /**
   * Replicas of the JetStream streams this service creates (e.g. PAYMENTS): 1 for a single nats-server
   * (npm start, tests), 3 on a 3-node JetStream cluster (k8s prod overlay). At most the cluster's size.
   */
  @IsInt() @Min(1) @Max(5)
  NATS_STREAM_REPLICAS: number = 1;

  @IsString()
  HOST: string = '0.0.0.0';

  /**
   * 32 bytes (base64, or 64 hex digits) sealing organisations' secrets at rest (their MonCash, vendor …
   * credentials): AES-256-GCM. npm start makes one in its data folder. To rotate, set the new key here and the
   * old one in LIMYE_SECRETS_KEYS_PREVIOUS (comma-separated) until customer-registry has re-sealed every value.
   */
  @IsString()
  LIMYE_SECRETS_KEY: string = '';

  @IsString()
  LIMYE_SECRETS_KEYS_PREVIOUS: string = '';

  @IsOptional() @IsInt() @Min(1000) @Max(120000)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  /**
   * Proxies of our own in front of the service (ingress, load balancer) that append to X-Forwarded-For: the
   * per-address rate limits then count the address they saw. 0: the socket's peer (X-Forwarded-For ignored).
   */
  @IsInt() @Min(0) @Max(10)
  TRUSTED_PROXY_HOPS: number = 0;

  /** Keys (addresses, accounts) each rate limit remembers at most; past that the least recently seen is forgotten. */
  @IsInt() @Min(100) @Max(10000000)
  RATE_LIMIT_MAX_KEYS: number = 100000;

  // Who may call the operator HTTP APIs (docs/access.md): bearer JWTs verified against a JWKS.

  /** The `iss` every access token must carry (customer-registry's built-in issuer, or an OIDC provider's). */
  @IsString() @MinLength(1)
  AUTH_ISSUER: string = 'limye';

  /** The `aud` every access token must carry. */
  @IsString() @MinLength(1)
  AUTH_AUDIENCE: string = 'limye-api';

  /** Where the issuer's public keys are; empty: customer-registry's own, on CUSTOMER_REGISTRY_PORT of this host. */
  @ValidateIf((env: BaseServiceEnv) => env.AUTH_JWKS_URL !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an http(s):// URL (or empty: customer-registry\'s /.well-known/jwks.json)' })
  AUTH_JWKS_URL: string = '';

  /** The public keys themselves, as a JWKS JSON text (tests, air-gapped setups); when set, AUTH_JWKS_URL is not used. */
  @ValidateIf((env: BaseServiceEnv) => env.AUTH_JWKS !== '')
  @ValidateBy({ name: 'isJwksText', validator: { validate: (v: unknown) => typeof v === 'string' && jwksTextProblem(v) === undefined, defaultMessage: (a) => jwksTextProblem(String(a?.value)) ?? '' } })
  AUTH_JWKS: string = '';

  /** Read only to build the default AUTH_JWKS_URL (customer-registry's own env validates it as its port). */
  @IsInt() @Min(0) @Max(65535)
  CUSTOMER_REGISTRY_PORT: number = 3002;

  /** Rules that involve several variables; each problem names them. Checked after the single-field rules. */
  crossFieldProblems(): string[] {
    return [];
  }
}

/**
 * Reads and validates the environment into `cls`. Empty strings count as unset, so a default applies.
 * Numbers are converted; anything that does not validate throws a ConfigError naming the variable.
 */
export function loadEnv<T extends object>(cls: new () => T, source: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const raw = source[key];
    if (raw === undefined || raw === '') continue;
    plain[key] = typeof defaults[key] === 'number' ? toNumber(raw) : raw;
  }
  const instance = plainToInstance(cls, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance as object, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const shown = secretLike(e.property) ? '(hidden)' : JSON.stringify(source[e.property]);
      const constraints = e.constraints ?? {};
      // 'abc' for a number breaks every range rule too; "must be an integer" alone says what is wrong.
      const typeRule = typeof instance[e.property as keyof T] !== 'number' ? constraints.isInt ?? constraints.isNumber : undefined;
      return `${e.property}=${shown}: ${typeRule ?? Object.values(constraints).join('; ')}`;
    });
    throw new ConfigError(problems);
  }
  const crossField = typeof (instance as { crossFieldProblems?: unknown }).crossFieldProblems === 'function'
    ? (instance as unknown as BaseServiceEnv).crossFieldProblems()
    : [];
  if (crossField.length > 0) throw new ConfigError(crossField);
  return instance;
}

function toNumber(raw: string): number | string {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
}

function secretLike(name: string): boolean {
  return /SECRET|PASSWORD|TOKEN|KEY|JWKS|DATABASE_(\w+_)?URL|PIN/i.test(name);
}

/** AUTH_JWKS must be `{"keys":[…]}` of public keys: a private key pasted by mistake is refused, not served. */
function jwksTextProblem(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'AUTH_JWKS must be JSON: a JWKS, {"keys":[{"kty":…,"kid":…}]}';
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'object' && k !== null && typeof (k as { kty?: unknown }).kty === 'string')) {
    return 'AUTH_JWKS must be a JWKS with at least one key: {"keys":[{"kty":…,"kid":…}]}';
  }
  if (keys.some((k) => 'd' in (k as object) || (k as { kty: string }).kty === 'oct')) {
    return 'AUTH_JWKS holds a private or symmetric key: give only the public keys';
  }
  return undefined;
}
