/**
 * Keeps credentials out of what an outbound call says about itself (reasons, logs). Two layers: the exact
 * values this call sent as credentials (its sensitive headers, secrets the client was told about), and
 * patterns for what looks like one wherever it comes from (an error echoing a URL, a body echoing a token).
 */

export const REDACTED = '[redacted]';

/** A header whose value is a credential: Authorization, X-API-Key, X-API-Secret, Authentication-Token, cookies… */
const SENSITIVE_HEADER = /auth|token|key|secret|passw|cookie|signature|session/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** The credential values in these headers: the whole value, and the part after a scheme ("Bearer abc" → "abc"). */
export function sensitiveHeaderValues(headers: Record<string, string> | undefined): string[] {
  const values: string[] = [];
  if (!headers) return values;
  for (const name of Object.keys(headers)) {
    if (!isSensitiveHeader(name)) continue;
    const value = headers[name];
    if (!value) continue;
    values.push(value);
    const space = value.indexOf(' ');
    if (space > 0) values.push(value.slice(space + 1).trim());
  }
  return values;
}

/** user:password@ in a URL. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi;
/** "Bearer abc…", "Basic abc…" anywhere in a text. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]+/gi;
/** ?api_key=…, &token=…, &client_secret=…, &password=…, &signature=… in a URL or a form. */
const SECRET_PARAM = /([?&;][\w.-]*(?:key|token|secret|passw|pwd|signature|sig|auth)[\w.-]*=)[^&#\s"']*/gi;
/** "access_token": "…", "password": "…" in a JSON text. */
const SECRET_JSON_FIELD = /("[\w.-]*(?:key|token|secret|passw|pwd|signature|auth)[\w.-]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * `text` with every value in `secrets` (4 characters or more: shorter ones would blank out ordinary words)
 * and everything that looks like a credential replaced by "[redacted]".
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(SECRET_PARAM, `$1${REDACTED}`)
    .replace(SECRET_JSON_FIELD, `$1"${REDACTED}"`);
}
