import { createPrivateKey, createPublicKey, JsonWebKey, KeyObject } from 'crypto';
import { calculateJwkThumbprint } from 'jose';

/**
 * The issuer's keys, read from two variables:
 * - AUTH_SIGNING_KEY: the one private key that signs (PEM PKCS#8, or a private JWK, or a JWK set of one);
 * - AUTH_SIGNING_KEYS_PREVIOUS: keys that signed before, published in the JWKS beside it (so their tokens
 *   verify until they expire) but never used to sign: PEM blocks one after the other (private or public)
 *   or a JWK set.
 * RSA keys (2048 bits or more) sign RS256, EC P-256 keys ES256; anything else is refused at start, naming
 * the variable. Each key's `kid` is its RFC 7638 thumbprint, so the same key has the same kid everywhere.
 */
export type SigningAlg = 'RS256' | 'ES256';

export interface PublishedKey {
  kid: string;
  alg: SigningAlg;
  /** The public JWK as published: kty, n/e or crv/x/y, plus kid, alg and use. */
  jwk: JsonWebKey & { kid: string; alg: SigningAlg; use: 'sig' };
}

export interface SigningKeySet {
  signing: { kid: string; alg: SigningAlg; privateKey: KeyObject };
  /** Every key the JWKS publishes, the signing one first. */
  published: PublishedKey[];
}

interface ParsedKey {
  key: KeyObject;
  alg: SigningAlg;
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/** The problems of the two variables, in words naming them (for the env check at start); never their values. */
export function signingKeyProblems(signing: string, previous: string): string[] {
  const problems: string[] = [];
  if (signing.trim() !== '') {
    try {
      const keys = parseKeys(signing, 'AUTH_SIGNING_KEY', true);
      if (keys.length !== 1) problems.push(`AUTH_SIGNING_KEY must hold one private key, not ${keys.length}: older keys go in AUTH_SIGNING_KEYS_PREVIOUS`);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (previous.trim() !== '') {
    try {
      parseKeys(previous, 'AUTH_SIGNING_KEYS_PREVIOUS', false);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}

/** Reads both variables (checked before by signingKeyProblems) into the key set the issuer uses. */
export async function loadSigningKeys(signing: string, previous: string): Promise<SigningKeySet> {
  const [signer] = parseKeys(signing, 'AUTH_SIGNING_KEY', true);
  const older = previous.trim() === '' ? [] : parseKeys(previous, 'AUTH_SIGNING_KEYS_PREVIOUS', false);
  const published: PublishedKey[] = [];
  for (const k of [signer, ...older]) {
    const p = await publish(k);
    // The same key listed twice (the new one also left in PREVIOUS) is published once.
    if (!published.some((q) => q.kid === p.kid)) published.push(p);
  }
  return { signing: { kid: published[0].kid, alg: signer.alg, privateKey: signer.key }, published };
}

async function publish(k: ParsedKey): Promise<PublishedKey> {
  const pub = (k.key.type === 'public' ? k.key : createPublicKey(k.key)).export({ format: 'jwk' }) as JsonWebKey;
  const members = pub.kty === 'RSA' ? { kty: pub.kty, n: pub.n, e: pub.e } : { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y };
  const kid = await calculateJwkThumbprint(members as Parameters<typeof calculateJwkThumbprint>[0], 'sha256');
  return { kid, alg: k.alg, jwk: { ...members, kid, alg: k.alg, use: 'sig' } };
}

function parseKeys(value: string, variable: string, privateOnly: boolean): ParsedKey[] {
  const text = value.trim();
  if (text.startsWith('{')) return parseJwkJson(text, variable, privateOnly);
  const blocks = text.match(PEM_BLOCK);
  if (!blocks) throw new Error(`${variable} must be a PEM key ("-----BEGIN PRIVATE KEY-----" …) or a JWK / JWK set in JSON`);
  return blocks.map((pem, i) => {
    const label = /-----BEGIN ([A-Z ]+)-----/.exec(pem)?.[1] ?? '';
    const where = blocks.length > 1 ? `${variable} (PEM block ${i + 1})` : variable;
    if (label === 'PUBLIC KEY' && !privateOnly) return checked(tryKey(() => createPublicKey(pem), where), where);
    if (label !== 'PRIVATE KEY') {
      throw new Error(`${where} is a "${label}" PEM block; it must be PKCS#8 ("BEGIN PRIVATE KEY"${privateOnly ? '' : ' or "BEGIN PUBLIC KEY"'}): convert it with \`openssl pkcs8 -topk8 -nocrypt\``);
    }
    return checked(tryKey(() => createPrivateKey(pem), where), where);
  });
}

function parseJwkJson(text: string, variable: string, privateOnly: boolean): ParsedKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${variable} starts with "{" but is not valid JSON (a JWK or a JWK set)`);
  }
  const jwks = Array.isArray((parsed as { keys?: unknown }).keys) ? ((parsed as { keys: unknown[] }).keys) : [parsed];
  if (jwks.length === 0) throw new Error(`${variable} is a JWK set without keys`);
  return jwks.map((jwk, i) => {
    const where = jwks.length > 1 ? `${variable} (JWK ${i + 1})` : variable;
    if (typeof jwk !== 'object' || jwk === null) throw new Error(`${where} is not a JWK object`);
    const isPrivate = typeof (jwk as { d?: unknown }).d === 'string';
    if (!isPrivate && privateOnly) throw new Error(`${where} is a public JWK; it must be the private key (with "d")`);
    const key = tryKey(() => (isPrivate ? createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }) : createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })), where);
    return checked(key, where);
  });
}

function tryKey(make: () => KeyObject, where: string): KeyObject {
  try {
    return make();
  } catch (err) {
    // Node's message names the parse problem, never the key material.
    throw new Error(`${where} is not a readable key: ${(err as Error).message}`);
  }
}

function checked(key: KeyObject, where: string): ParsedKey {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) throw new Error(`${where} is an RSA key of ${details.modulusLength} bits; at least 2048 are needed`);
    return { key, alg: 'RS256' };
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return { key, alg: 'ES256' };
  const what = key.asymmetricKeyType === 'ec' ? `an EC key on ${details.namedCurve}` : `a ${key.asymmetricKeyType} key`;
  throw new Error(`${where} is ${what}; the issuer signs with RSA (RS256) or EC P-256 (ES256) keys`);
}
