import { IsIn, IsInt, IsISO31661Alpha2, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';
import { signingKeyProblems } from '../auth/signing-keys';

/** The demo owner's password when LIMYE_DEMO_PASSWORD is empty (npm start prints it). */
export const DEMO_PASSWORD_DEFAULT = 'limye-demo';

export class CustomerRegistryEnv extends BaseServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  override CUSTOMER_REGISTRY_PORT: number = 3002;

  /** Country of phones typed in local form when the customer has no site (ISO 3166-1 alpha-2). */
  @Matches(/^[A-Z]{2}$/, { message: 'REGISTRY_DEFAULT_COUNTRY must be an upper-case ISO 3166-1 alpha-2 code' })
  @IsISO31661Alpha2()
  REGISTRY_DEFAULT_COUNTRY: string = 'HT';

  // --- the built-in issuer (docs/access.md, "The built-in issuer") ---

  /**
   * The private key access tokens are signed with: a PEM PKCS#8 key (RSA ≥ 2048 bits → RS256, EC P-256 →
   * ES256) or a private JWK (or a JWK set of one). Required in production; elsewhere a key is made at start
   * (tokens then stop verifying when the service restarts). `npm start` keeps one in .data/.
   */
  @IsString()
  AUTH_SIGNING_KEY: string = '';

  /**
   * Keys signed with before, still published in the JWKS so tokens they signed verify until they expire:
   * PEM blocks (private or public) one after the other, or a JWK set. Rotation: docs/access.md.
   */
  @IsString()
  AUTH_SIGNING_KEYS_PREVIOUS: string = '';

  // AUTH_ISSUER and AUTH_AUDIENCE (BaseServiceEnv) are also the `iss` and `aud` of the tokens signed here.

  @IsInt() @Min(60) @Max(86400)
  AUTH_TOKEN_TTL_SECONDS: number = 3600;

  /** How long an e-mail address is locked after AUTH_LOCKOUT_ATTEMPTS wrong passwords in a row. */
  @IsInt() @Min(1) @Max(86400)
  AUTH_LOCKOUT_SECONDS: number = 900;

  @IsInt() @Min(1) @Max(100)
  AUTH_LOCKOUT_ATTEMPTS: number = 5;

  /** The default organisation's name (set at every start). */
  @IsString() @MaxLength(120)
  LIMYE_DEFAULT_ORGANISATION_NAME: string = '';

  /**
   * 1: at start, make sure the demo owner (LIMYE_DEMO_EMAIL / LIMYE_DEMO_PASSWORD) and a valid demo API key
   * (saved to LIMYE_DEMO_API_KEY_FILE) exist in the default organisation. Set by `npm start` only; refused
   * in production.
   */
  @IsIn(['0', '1'])
  LIMYE_DEMO_SEED: string = '0';

  @IsString()
  LIMYE_DEMO_EMAIL: string = 'demo@limye.local';

  /** Empty: `limye-demo` (DEMO_PASSWORD_DEFAULT; not a default here, since no deployment should ever need it). */
  @IsString()
  LIMYE_DEMO_PASSWORD: string = '';

  /** Where the demo seed keeps the demo API key (mode 0600), since its secret is shown only at creation. */
  @IsString()
  LIMYE_DEMO_API_KEY_FILE: string = '';

  override crossFieldProblems(): string[] {
    const problems = [...super.crossFieldProblems()];
    if (this.NODE_ENV === 'production' && this.AUTH_SIGNING_KEY.trim() === '') {
      problems.push('AUTH_SIGNING_KEY is required when NODE_ENV=production: the PEM PKCS#8 private key (RSA or EC P-256) or private JWK the built-in issuer signs access tokens with (docs/access.md)');
    }
    problems.push(...signingKeyProblems(this.AUTH_SIGNING_KEY, this.AUTH_SIGNING_KEYS_PREVIOUS));
    if (this.NODE_ENV === 'production' && this.LIMYE_SECRETS_KEY.trim() === '') {
      problems.push('LIMYE_SECRETS_KEY is required when NODE_ENV=production: 32 bytes as base64 (openssl rand -base64 32) sealing organisations\' integration secrets (docs/access.md)');
    }
    if (this.LIMYE_DEMO_SEED === '1') {
      if (this.NODE_ENV === 'production') problems.push('LIMYE_DEMO_SEED=1 is refused when NODE_ENV=production: the demo owner has a published password');
      if (this.LIMYE_DEMO_API_KEY_FILE === '') problems.push('LIMYE_DEMO_SEED=1 needs LIMYE_DEMO_API_KEY_FILE (where the demo API key is kept)');
    }
    return problems;
  }
}
