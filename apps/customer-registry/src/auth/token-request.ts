import { DomainError, ErrorCodes } from '@limye/contracts';

/**
 * The grants POST /v1/auth/token takes (form or JSON body, OAuth 2.0 token-endpoint style, RFC 6749):
 * - password (§4.3): username (the e-mail), password, optional organisation_id;
 * - client_credentials (§4.4): the API key as client_secret, in the body or as the password of HTTP Basic
 *   client authentication (§2.3.1; client_id is then the key's prefix `lky_<id>`, or anything);
 * - api_key: the API key as api_key (the same as client_credentials, for clients without OAuth vocabulary).
 * `scope` is accepted and ignored: what a token may do is its role.
 */
export type TokenRequest =
  | { grant: 'password'; email: string; password: string; organisationId?: string }
  | { grant: 'api_key'; apiKey: string; viaBasicAuth: boolean };

export const GRANT_TYPES = ['password', 'client_credentials', 'api_key'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FIELD = 1024;

/**
 * An OAuth 2.0 error (RFC 6749 §5.2) that is also a platform error: the body carries both
 * `{error, error_description}` and `{statusCode, code, message}`.
 */
export function oauthError(status: number, error: string, code: string, description: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, description, status, { error, error_description: description, ...extra });
}

function invalidRequest(field: string, problem: string): DomainError {
  return oauthError(400, 'invalid_request', ErrorCodes.validationFailed, `${field}: ${problem}`, { fields: [{ field, problems: [problem] }] });
}

function stringField(body: Record<string, unknown>, field: string, required: true): string;
function stringField(body: Record<string, unknown>, field: string, required: false): string | undefined;
function stringField(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === '') {
    if (required) throw invalidRequest(field, `${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw invalidRequest(field, `${field} must be a string`);
  if (value.length > MAX_FIELD) throw invalidRequest(field, `${field} must be at most ${MAX_FIELD} characters`);
  return value;
}

/** The client_secret of an `Authorization: Basic` header, or undefined when there is none. */
function basicSecret(authorization: string | undefined): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // RFC 6749 §2.3.1: client id and secret are form-urlencoded before being joined.
  return colon < 0 ? undefined : safeDecode(decoded.slice(colon + 1));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Reads a token request (form or JSON, already parsed) into a grant, or throws its OAuth error. */
export function readTokenRequest(rawBody: unknown, authorization: string | undefined): TokenRequest {
  if (typeof rawBody !== 'object' || rawBody === null || Array.isArray(rawBody)) {
    throw invalidRequest('grant_type', 'grant_type is required (send a form or a JSON object)');
  }
  const body = rawBody as Record<string, unknown>;
  const grantType = stringField(body, 'grant_type', true);
  if (grantType === 'password') {
    const email = stringField(body, 'username', true);
    // An e-mail address has at most 254 characters (RFC 5321); a longer one is no user's. Lower-cased, as it is
    // looked up and counted (lower-casing can lengthen a text: 'İ' is two characters in lower case).
    if (email.trim().toLowerCase().length > 254) throw invalidRequest('username', 'username must be at most 254 characters (an e-mail address)');
    const password = stringField(body, 'password', true);
    const organisationId = stringField(body, 'organisation_id', false);
    if (organisationId !== undefined && !UUID.test(organisationId)) throw invalidRequest('organisation_id', 'organisation_id must be a UUID');
    return { grant: 'password', email, password, organisationId: organisationId?.toLowerCase() };
  }
  if (grantType === 'client_credentials') {
    const inBody = stringField(body, 'client_secret', false);
    const inHeader = basicSecret(authorization);
    const apiKey = inBody ?? inHeader;
    if (apiKey === undefined) throw invalidRequest('client_secret', 'client_secret (the API key) is required, in the body or as HTTP Basic client authentication');
    return { grant: 'api_key', apiKey, viaBasicAuth: inBody === undefined };
  }
  if (grantType === 'api_key') {
    return { grant: 'api_key', apiKey: stringField(body, 'api_key', true), viaBasicAuth: false };
  }
  throw oauthError(400, 'unsupported_grant_type', ErrorCodes.issuerUnsupportedGrantType, `grant_type must be one of ${GRANT_TYPES.join(', ')}`);
}
