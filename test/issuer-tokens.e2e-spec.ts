import { generateKeyPairSync, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SignJWT } from 'jose';
import { LocalStack } from '@limye/local-stack';
import { http, startTestStack, testInfra } from '@limye/testing';

/**
 * A token from customer-registry's built-in issuer is accepted by another service (debt-ledger, its own
 * process), which fetches the issuer's JWKS over HTTP; no token, or one signed by a key the issuer does not
 * publish, is a 401 there.
 */
describe('tokens of the built-in issuer across services', () => {
  let stack: LocalStack;
  let apiKey: string;
  const email = 'e2e-owner@issuer.test';
  const password = 'e2e-owner-password';

  beforeAll(async () => {
    const keyFile = path.join(testInfra().dir, `e2e-issuer-${process.pid}-${Date.now()}`, 'demo-api-key');
    // The demo seed gives the stack a first owner and API key, as under npm start.
    stack = await startTestStack({
      services: ['customer-registry', 'debt-ledger'],
      // AUTH_JWKS empty: every service fetches customer-registry's /.well-known/jwks.json, as under npm start
      // (the test stack otherwise gives them the run's key inline).
      env: { AUTH_JWKS: '', LIMYE_DEMO_SEED: '1', LIMYE_DEMO_EMAIL: email, LIMYE_DEMO_PASSWORD: password, LIMYE_DEMO_API_KEY_FILE: keyFile },
    });
    apiKey = fs.readFileSync(keyFile, 'utf8').trim();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const ledgerCheck = (headers: Record<string, string> = { authorization: '' }) => http('GET', `${stack.url('debt-ledger')}/v1/ledger/check`, undefined, headers);
  const token = async (fields: Record<string, string>) => {
    const r = await http('POST', `${stack.url('customer-registry')}/v1/auth/token`, new URLSearchParams(fields), { authorization: '' });
    expect(r.status).toBe(200);
    return r.body.access_token as string;
  };

  it('debt-ledger accepts a password-grant token and an API-key token of the issuer, and refuses no token', async () => {
    expect((await ledgerCheck()).status).toBe(401);
    const asUser = await ledgerCheck({ authorization: `Bearer ${await token({ grant_type: 'password', username: email, password })}` });
    expect(asUser.status).toBe(200);
    const asKey = await ledgerCheck({ authorization: `Bearer ${await token({ grant_type: 'client_credentials', client_secret: apiKey })}` });
    expect(asKey.status).toBe(200);
  });

  it('debt-ledger enforces the role an issuer token carries: a field user made through the registry gets 403', async () => {
    const owner = await token({ grant_type: 'password', username: email, password });
    const made = await http('POST', `${stack.url('customer-registry')}/v1/organisations/00000000-0000-4000-8000-000000000001/users`,
      { email: 'e2e-field@issuer.test', password: 'e2e-field-password', role: 'field' }, { authorization: `Bearer ${owner}` });
    expect(made.status).toBe(201);
    const field = await token({ grant_type: 'password', username: 'e2e-field@issuer.test', password: 'e2e-field-password' });
    const refused = await ledgerCheck({ authorization: `Bearer ${field}` });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('debt-ledger refuses a token with the right claims signed by a key the issuer does not publish', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const forged = await new SignJWT({ org: '00000000-0000-4000-8000-000000000001', role: 'owner', act: 'user' })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-published' })
      .setIssuer('limye').setAudience('limye-api').setSubject(randomUUID()).setIssuedAt().setExpirationTime('5m').setJti(randomUUID())
      .sign(privateKey);
    expect((await ledgerCheck({ authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});
