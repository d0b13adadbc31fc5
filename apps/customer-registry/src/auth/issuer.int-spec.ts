import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, JWTPayload } from 'jose';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, Principal, Role, scryptCostOf, scryptHash } from '@limye/platform';
import { http, InProcessService, startServiceInProcess, testInfra } from '@limye/testing';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { customerRegistryService } from '../customer-registry.service-definition';
import { OperatorsService } from '../operators/operators.service';
import { PASSWORD_COST } from '../operators/password';
import { DemoSeed } from './demo-seed';

const pem = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) => k.export({ format: 'pem', type: 'pkcs8' }).toString();
const OLD_KEY = pem(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
const CURRENT_KEY = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);

const DEMO_EMAIL = 'Owner@Issuer.Test';
const DEMO_PASSWORD = 'owner-password-1';
const LOCKOUT_SECONDS = 120;

describe('the built-in issuer (real PostgreSQL + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  let keyFile: string;
  let seq = 0;

  const tokenUrl = () => `${svc.url}/v1/auth/token`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const passwordGrant = (username: string, password: string, extra: Record<string, string> = {}) =>
    http('POST', tokenUrl(), form({ grant_type: 'password', username, password, ...extra }));
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const system = (role: Role = 'owner', organisationId = DEFAULT_ORGANISATION_ID): Principal => ({ subject: 'test-setup', organisationId, role, actorKind: 'user' });

  async function verify(token: string, url = svc.url): Promise<JWTPayload> {
    const jwks = await http('GET', `${url}/.well-known/jwks.json`);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), { issuer: 'limye', audience: 'limye-api' });
    return payload;
  }

  /** A user made through the service (not HTTP), for tests that are not about making users. */
  async function newUser(role: Role, organisationId = DEFAULT_ORGANISATION_ID) {
    const email = `user${++seq}@issuer.test`;
    const password = `password-${seq}-long`;
    const view = await svc.app.get(OperatorsService).createUser(system('owner', organisationId), organisationId, { email, password, role });
    return { ...view, email, password };
  }

  async function tokenOf(email: string, password: string, extra: Record<string, string> = {}): Promise<string> {
    const r = await passwordGrant(email, password, extra);
    expect(r.status).toBe(200);
    return r.body.access_token as string;
  }

  beforeAll(async () => {
    keyFile = path.join(testInfra().dir, `issuer-${process.pid}-${Date.now()}`, 'demo-api-key');
    svc = await startServiceInProcess(customerRegistryService, {
      AUTH_SIGNING_KEY: CURRENT_KEY,
      AUTH_SIGNING_KEYS_PREVIOUS: OLD_KEY,
      AUTH_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
      AUTH_TOKEN_TTL_SECONDS: '600',
      LIMYE_DEMO_SEED: '1',
      LIMYE_DEMO_EMAIL: DEMO_EMAIL,
      LIMYE_DEMO_PASSWORD: DEMO_PASSWORD,
      LIMYE_DEMO_API_KEY_FILE: keyFile,
    });
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
  });

  describe('password grant', () => {
    it('answers a form post with a Bearer token whose claims and kid the JWKS verifies, never cached', async () => {
      const r = await passwordGrant(DEMO_EMAIL, DEMO_PASSWORD);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
      expect(r.headers.get('cache-control')).toBe('no-store');
      const claims = await verify(r.body.access_token);
      const [owner] = (await ds.query(`SELECT "id" FROM "operator_users" WHERE lower("email") = lower($1)`, [DEMO_EMAIL])) as Array<{ id: string }>;
      expect(claims).toMatchObject({ iss: 'limye', aud: 'limye-api', sub: owner.id, org: DEFAULT_ORGANISATION_ID, role: 'owner', act: 'user' });
      expect((claims.exp as number) - (claims.iat as number)).toBe(600);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
      const header = decodeProtectedHeader(r.body.access_token);
      expect(header.alg).toBe('RS256');
      const jwks = await http('GET', `${svc.url}/.well-known/jwks.json`);
      expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    });

    it('takes JSON too, and the e-mail in any case', async () => {
      const r = await http('POST', tokenUrl(), { grant_type: 'password', username: DEMO_EMAIL.toLowerCase(), password: DEMO_PASSWORD });
      expect(r.status).toBe(200);
      expect((await verify(r.body.access_token)).role).toBe('owner');
    });

    it('locks an e-mail after five wrong passwords (429, Retry-After), correct password or not, and an unknown e-mail gets the same answers', async () => {
      const user = await newUser('viewer');
      const unknown = `nobody${++seq}@issuer.test`;
      const walk = async (email: string) => {
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push(await passwordGrant(email, 'wrong-password'));
        answers.push(await passwordGrant(email, email === user.email ? user.password : 'still-wrong'));
        return answers;
      };
      const known = await walk(user.email);
      const unknowns = await walk(unknown);
      expect(known.map((a) => a.status)).toEqual([400, 400, 400, 400, 429, 429]);
      expect(known[0].body).toMatchObject({ error: 'invalid_grant', code: 'ISSUER.INVALID_CREDENTIALS', statusCode: 400 });
      expect(known[4].body).toMatchObject({ error: 'invalid_grant', code: 'ISSUER.SIGN_IN_LOCKED', statusCode: 429 });
      expect(Number(known[4].headers.get('retry-after'))).toBeGreaterThan(LOCKOUT_SECONDS - 5);
      expect(Number(known[5].headers.get('retry-after'))).toBeLessThanOrEqual(LOCKOUT_SECONDS);
      // Indistinguishable: the same statuses, bodies (Retry-After's seconds aside) and headers.
      const shape = (a: { status: number; body: Record<string, unknown>; headers: Headers }) => ({
        status: a.status,
        body: JSON.stringify(a.body).replace(/\d+ s\b/g, 'N s').replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":N'),
        retryAfter: a.headers.has('retry-after'),
      });
      expect(unknowns.map(shape)).toEqual(known.map(shape));
      // After the lock runs out, the right password works again and the count starts over.
      await ds.query(`UPDATE "sign_in_attempts" SET "locked_until" = now() - interval '1 second' WHERE "email" = $1`, [user.email]);
      expect((await passwordGrant(user.email, user.password)).status).toBe(200);
      expect((await passwordGrant(user.email, 'wrong-again')).status).toBe(400);
    });

    it('counts parallel guesses before checking them: a burst gets no more checks than the limit', async () => {
      const user = await newUser('viewer');
      const answers = await Promise.all(Array.from({ length: 12 }, () => passwordGrant(user.email, 'wrong-password')));
      expect(answers.filter((a) => a.status === 400).length).toBeLessThanOrEqual(4);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(8);
      expect((await passwordGrant(user.email, user.password)).status).toBe(429);
    });

    it('gives a disabled user no token, says so only after a correct password, and gives one again when enabled', async () => {
      const user = await newUser('field');
      await svc.app.get(OperatorsService).updateMembership(system(), DEFAULT_ORGANISATION_ID, user.id, { disabled: true });
      const refused = await passwordGrant(user.email, user.password);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_grant', code: 'ISSUER.USER_DISABLED' });
      expect((await passwordGrant(user.email, 'wrong-password')).body.code).toBe('ISSUER.INVALID_CREDENTIALS');
      await svc.app.get(OperatorsService).updateMembership(system(), DEFAULT_ORGANISATION_ID, user.id, { disabled: false });
      expect((await passwordGrant(user.email, user.password)).status).toBe(200);
    });

    it('hashes a password made at a lower cost again at its next correct sign-in, keeping it', async () => {
      const user = await newUser('viewer');
      const cheap = await scryptHash(user.password, { N: 1024, r: 8, p: 1 });
      await ds.query(`UPDATE "operator_users" SET "password_hash" = $2 WHERE "id" = $1`, [user.id, cheap]);
      expect((await passwordGrant(user.email, user.password)).status).toBe(200);
      const [{ password_hash }] = (await ds.query(`SELECT "password_hash" FROM "operator_users" WHERE "id" = $1`, [user.id])) as Array<{ password_hash: string }>;
      expect(scryptCostOf(password_hash)).toEqual(PASSWORD_COST);
      expect((await passwordGrant(user.email, user.password)).status).toBe(200);
    });

        it('refuses bad requests in OAuth shape with the platform code: missing fields, unknown grants, other body types', async () => {
      const missing = await http('POST', tokenUrl(), form({ grant_type: 'password', username: DEMO_EMAIL }));
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ error: 'invalid_request', code: 'VALIDATION_FAILED', statusCode: 400, fields: [{ field: 'password', problems: ['password is required'] }] });
      const grant = await http('POST', tokenUrl(), form({ grant_type: 'authorization_code', code: 'x' }));
      expect(grant.status).toBe(400);
      expect(grant.body).toMatchObject({ error: 'unsupported_grant_type', code: 'ISSUER.UNSUPPORTED_GRANT_TYPE' });
      const text = await http('POST', tokenUrl(), 'grant_type=password', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect(text.body.accepted).toEqual(['application/x-www-form-urlencoded', 'application/json']);
      const org = await passwordGrant(DEMO_EMAIL, DEMO_PASSWORD, { organisation_id: '00000000-0000-4000-8000-0000000000ff' });
      expect(org.status).toBe(400);
      expect(org.body.code).toBe('ISSUER.NO_MEMBERSHIP');
    });
  });

  describe('API key grant', () => {
    const keys = () => svc.app.get(ApiKeysService);

    it('exchanges a key (client_credentials in the body or HTTP Basic, or api_key) for a token of the key, and notes its use', async () => {
      const made = await keys().create(system(), DEFAULT_ORGANISATION_ID, { name: 'accounting export', role: 'finance' });
      expect(made.lastUsedAt).toBeNull();
      const inBody = await http('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_secret: made.apiKey }));
      expect(inBody.status).toBe(200);
      expect(await verify(inBody.body.access_token)).toMatchObject({ sub: made.id, org: DEFAULT_ORGANISATION_ID, role: 'finance', act: 'api_key' });
      const basic = await http('POST', tokenUrl(), form({ grant_type: 'client_credentials' }), { authorization: `Basic ${Buffer.from(`${made.prefix}:${made.apiKey}`).toString('base64')}` });
      expect(basic.status).toBe(200);
      const json = await http('POST', tokenUrl(), { grant_type: 'api_key', api_key: made.apiKey });
      expect(json.status).toBe(200);
      const [row] = (await ds.query(`SELECT "last_used_at" FROM "api_keys" WHERE "id" = $1`, [made.id])) as Array<{ last_used_at: Date | null }>;
      expect(row.last_used_at).not.toBeNull();
    });

    it('refuses an unknown, revoked or expired key with 401 invalid_client and its own code', async () => {
      const made = await keys().create(system(), DEFAULT_ORGANISATION_ID, { name: 'to revoke', role: 'viewer' });
      const grant = (apiKey: string, headers: Record<string, string> = {}) => http('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_secret: apiKey }), headers);
      const forged = made.apiKey.slice(0, -4) + (made.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await grant(forged)).body).toMatchObject({ statusCode: 401, error: 'invalid_client', code: 'ISSUER.INVALID_API_KEY' });
      expect((await grant('not-a-key')).body).toMatchObject({ statusCode: 401, code: 'ISSUER.INVALID_API_KEY' });
      await keys().revoke(system(), DEFAULT_ORGANISATION_ID, made.id);
      expect((await grant(made.apiKey)).body).toMatchObject({ statusCode: 401, error: 'invalid_client', code: 'ISSUER.API_KEY_REVOKED' });
      const basic = await http('POST', tokenUrl(), form({ grant_type: 'client_credentials' }), { authorization: `Basic ${Buffer.from(`x:${made.apiKey}`).toString('base64')}` });
      expect(basic.status).toBe(401);
      expect(basic.headers.get('www-authenticate')).toBe('Basic realm="limye"');

      const expiring = await keys().create(system(), DEFAULT_ORGANISATION_ID, { name: 'expiring', role: 'viewer', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      const ok = await grant(expiring.apiKey);
      expect(ok.status).toBe(200);
      expect(ok.body.expires_in).toBe(600);
      await ds.query(`UPDATE "api_keys" SET "expires_at" = now() + interval '30 seconds' WHERE "id" = $1`, [expiring.id]);
      const short = await grant(expiring.apiKey);
      expect(short.body.expires_in).toBeLessThanOrEqual(30); // a token never outlives its key
      await ds.query(`UPDATE "api_keys" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [expiring.id]);
      expect((await grant(expiring.apiKey)).body).toMatchObject({ statusCode: 401, code: 'ISSUER.API_KEY_EXPIRED' });
    });
  });

  describe('signing keys', () => {
    it('publishes the signing key and the previous one; a token of the old key verifies while it is listed, and not after', async () => {
      const jwks = (await http('GET', `${svc.url}/.well-known/jwks.json`)).body;
      expect(jwks.keys.map((k: { alg: string }) => k.alg)).toEqual(['RS256', 'ES256']);
      for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
      // Before the rotation: a service signing with the old key, on the same tables.
      const before = await startServiceInProcess(customerRegistryService, { DATABASE_SCHEMA: svc.schema, AUTH_SIGNING_KEY: OLD_KEY });
      try {
        const oldToken = (await http('POST', `${before.url}/v1/auth/token`, form({ grant_type: 'password', username: DEMO_EMAIL, password: DEMO_PASSWORD }))).body.access_token as string;
        expect(decodeProtectedHeader(oldToken).alg).toBe('ES256');
        // After it (svc: AUTH_SIGNING_KEY = new, AUTH_SIGNING_KEYS_PREVIOUS = old): still verifies.
        expect((await verify(oldToken)).role).toBe('owner');
        // Once the old key is removed from the list, it does not.
        const after = await startServiceInProcess(customerRegistryService, { DATABASE_SCHEMA: svc.schema, AUTH_SIGNING_KEY: CURRENT_KEY });
        try {
          await expect(verify(oldToken, after.url)).rejects.toThrow();
          await expect(verify(await tokenOf(DEMO_EMAIL, DEMO_PASSWORD), after.url)).resolves.toMatchObject({ role: 'owner' });
        } finally {
          await after.app.close(); // not after.close(): that drops the shared schema
        }
      } finally {
        await before.app.close();
      }
    });
  });

  describe('demo seed', () => {
    it('keeps the demo key in its file (0600) and makes a new one only when that one no longer works', async () => {
      const first = fs.readFileSync(keyFile, 'utf8').trim();
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect((await http('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_secret: first }))).status).toBe(200);
      await svc.app.get(DemoSeed).onApplicationBootstrap();
      expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(first);
      const [{ id }] = (await ds.query(`SELECT "id" FROM "api_keys" WHERE "name" = 'demo' AND "revoked_at" IS NULL`)) as Array<{ id: string }>;
      await svc.app.get(ApiKeysService).revoke(system(), DEFAULT_ORGANISATION_ID, id);
      await svc.app.get(DemoSeed).onApplicationBootstrap();
      const second = fs.readFileSync(keyFile, 'utf8').trim();
      expect(second).not.toBe(first);
      expect((await http('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_secret: second }))).status).toBe(200);
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM "operator_users" WHERE lower("email") = lower($1)`, [DEMO_EMAIL])) as Array<{ n: number }>;
      expect(n).toBe(1);
    });
  });
});
