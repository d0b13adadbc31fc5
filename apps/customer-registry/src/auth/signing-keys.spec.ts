import * as fs from 'fs';
import * as path from 'path';
import { generateKeyPairSync } from 'crypto';
import { calculateJwkThumbprint, importJWK, JWK, jwtVerify, SignJWT } from 'jose';
import { loadSigningKeys, signingKeyProblems } from './signing-keys';

const pkcs8 = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits });

describe('signing keys from env', () => {
  it('reads a PEM EC P-256 key as ES256 with its RFC 7638 thumbprint as kid, publishing only public members', async () => {
    const { privateKey, publicKey } = ec();
    const set = await loadSigningKeys(pkcs8(privateKey), '');
    const pub = publicKey.export({ format: 'jwk' });
    expect(set.signing.alg).toBe('ES256');
    expect(set.signing.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y }));
    expect(set.published).toHaveLength(1);
    expect(set.published[0].jwk).toEqual({ kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y, kid: set.signing.kid, alg: 'ES256', use: 'sig' });
    expect(JSON.stringify(set.published)).not.toContain('"d"');
  });

  it('computes the kid of RFC 7638 §3.1 for its example RSA key', async () => {
    const n = '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    const published = await loadSigningKeys(pkcs8(rsa().privateKey), JSON.stringify({ keys: [{ kty: 'RSA', n, e: 'AQAB' }] }));
    expect(published.published[1].kid).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(published.published[1].alg).toBe('RS256');
  });

  it('signs with AUTH_SIGNING_KEY and publishes AUTH_SIGNING_KEYS_PREVIOUS beside it (PEM blocks, public or private)', async () => {
    const current = rsa();
    const old1 = ec();
    const old2 = ec();
    const previous = `${pkcs8(old1.privateKey)}\n${old2.publicKey.export({ format: 'pem', type: 'spki' })}`;
    const set = await loadSigningKeys(pkcs8(current.privateKey), previous);
    expect(set.signing.alg).toBe('RS256');
    expect(set.published.map((k) => k.alg)).toEqual(['RS256', 'ES256', 'ES256']);
    expect(set.published[0].kid).toBe(set.signing.kid);
    // A token the old key signed verifies against what is published under its kid.
    const oldSet = await loadSigningKeys(pkcs8(old1.privateKey), '');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: oldSet.signing.kid }).sign(oldSet.signing.privateKey);
    const jwk = set.published.find((k) => k.kid === oldSet.signing.kid)?.jwk;
    expect(jwk).toBeDefined();
    await expect(jwtVerify(token, await importJWK(jwk as JWK, 'ES256'))).resolves.toBeDefined();
  });

  it('reads a private JWK and a JWK set of one, and lists a key given twice once', async () => {
    const { privateKey } = ec();
    const jwk = privateKey.export({ format: 'jwk' });
    const a = await loadSigningKeys(JSON.stringify(jwk), '');
    const b = await loadSigningKeys(JSON.stringify({ keys: [jwk] }), JSON.stringify(jwk));
    expect(b.signing.kid).toBe(a.signing.kid);
    expect(b.published).toHaveLength(1);
  });

  it('names the variable and the problem for every key it cannot sign with, never the key', () => {
    const weak = pkcs8(rsa(1024).privateKey);
    const p384 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey);
    const ed = pkcs8(generateKeyPairSync('ed25519').privateKey);
    const pub = ec().publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const cases: Array<[string, string, RegExp]> = [
      [weak, '', /^AUTH_SIGNING_KEY is an RSA key of 1024 bits; at least 2048/],
      [p384, '', /^AUTH_SIGNING_KEY is an EC key on secp384r1; the issuer signs with RSA \(RS256\) or EC P-256/],
      [ed, '', /^AUTH_SIGNING_KEY is a ed25519 key/],
      [pub, '', /^AUTH_SIGNING_KEY is a "PUBLIC KEY" PEM block; it must be PKCS#8/],
      ['not a key', '', /^AUTH_SIGNING_KEY must be a PEM key/],
      ['{"kty":', '', /^AUTH_SIGNING_KEY starts with "\{" but is not valid JSON/],
      [`${pkcs8(ec().privateKey)}${pkcs8(ec().privateKey)}`, '', /^AUTH_SIGNING_KEY must hold one private key, not 2/],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', '', /^AUTH_SIGNING_KEY is not a readable key/],
      [pkcs8(ec().privateKey), `${pub}${weak}`, /^AUTH_SIGNING_KEYS_PREVIOUS \(PEM block 2\) is an RSA key of 1024 bits/],
    ];
    for (const [signing, previous, expected] of cases) {
      const problems = signingKeyProblems(signing, previous);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(expected);
      expect(problems[0]).not.toContain('MII');
    }
    expect(signingKeyProblems('', '')).toEqual([]);
    // A label line before the block (k8s/overlays/dev's committed dev key) is allowed.
    const devKey = fs.readFileSync(path.join(__dirname, '../../../../k8s/overlays/dev/customer-registry-secrets.yaml'), 'utf8').split('AUTH_SIGNING_KEY: |\n')[1].replace(/^ {4}/gm, '');
    expect(devKey.startsWith('dev-')).toBe(true);
    expect(signingKeyProblems(devKey, '')).toEqual([]);
    expect(signingKeyProblems(pkcs8(ec().privateKey), pub)).toEqual([]);
  });
});
