import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, Role } from '@limye/platform';
import { http, InProcessService, startServiceInProcess } from '@limye/testing';
import { customerRegistryService } from '../customer-registry.service-definition';
import { OperatorsService } from './operators.service';

/**
 * The issuer's management routes over HTTP, with tokens from its own token endpoint verified by the
 * platform's guard (the registry signs with the run's test key, which the guard trusts: testIssuerEnv):
 * who may make users, roles and API keys, and what another organisation sees.
 */
describe('users, roles and API keys over HTTP (real PostgreSQL + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  let seq = 0;
  let ownerToken: string;
  let adminToken: string;
  const ORG = DEFAULT_ORGANISATION_ID;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const users = (org = ORG) => `${svc.url}/v1/organisations/${org}/users`;
  const apiKeys = (org = ORG) => `${svc.url}/v1/organisations/${org}/api-keys`;
  const nextEmail = () => `member${++seq}@access.test`;
  const PASSWORD = 'a-long-password';

  async function signIn(email: string, password = PASSWORD, extra: Record<string, string> = {}): Promise<string> {
    const r = await http('POST', `${svc.url}/v1/auth/token`, new URLSearchParams({ grant_type: 'password', username: email, password, ...extra }));
    expect(r.status).toBe(200);
    return r.body.access_token as string;
  }

  async function makeUser(token: string, role: Role, org = ORG) {
    const email = nextEmail();
    const r = await http('POST', users(org), { email, password: PASSWORD, role }, auth(token));
    expect(r.status).toBe(201);
    return { ...(r.body as { id: string; role: Role }), email };
  }

  beforeAll(async () => {
    svc = await startServiceInProcess(customerRegistryService, { AUTH_LOCKOUT_SECONDS: '60' });
    ds = svc.app.get(DataSource);
    // The first owner cannot be made over HTTP (nobody has a token yet): the service itself, as the demo seed does.
    const owner = { email: nextEmail() };
    await ds.transaction(async (tx) => {
      const operators = svc.app.get(OperatorsService);
      const { hashPassword } = await import('./password');
      const id = await operators.insertUser(tx, owner.email, await hashPassword(PASSWORD));
      await operators.addMembership(tx, id, ORG, 'owner');
    });
    ownerToken = await signIn(owner.email);
    adminToken = await signIn((await makeUser(ownerToken, 'admin')).email);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('refuses every management route without a token (401) and to roles below admin (403)', async () => {
    const fieldToken = await signIn((await makeUser(ownerToken, 'field')).email);
    for (const [method, url] of [['GET', users()], ['POST', users()], ['GET', apiKeys()], ['POST', apiKeys()], ['POST', `${svc.url}/v1/organisations`]] as const) {
      const body = method === 'POST' ? {} : undefined;
      expect([method, url, (await http(method, url, body, { authorization: '' })).status]).toEqual([method, url, 401]);
      expect([method, url, (await http(method, url, body, auth(fieldToken))).status]).toEqual([method, url, 403]);
    }
  });

  it('lets an admin make and manage users but never an owner, and keeps the last owner', async () => {
    const field = await makeUser(adminToken, 'field');
    const asOwner = await http('POST', users(), { email: nextEmail(), password: PASSWORD, role: 'owner' }, auth(adminToken));
    expect(asOwner.status).toBe(403);
    expect(asOwner.body.code).toBe('FORBIDDEN');
    const promote = await http('PATCH', `${users()}/${field.id}`, { role: 'owner' }, auth(adminToken));
    expect(promote.status).toBe(403);
    expect((await http('PATCH', `${users()}/${field.id}`, { role: 'viewer' }, auth(adminToken))).body).toMatchObject({ id: field.id, role: 'viewer', disabled: false });

    const owner2 = await makeUser(ownerToken, 'owner');
    expect((await http('PATCH', `${users()}/${owner2.id}`, { disabled: true }, auth(adminToken))).status).toBe(403);
    expect((await http('PATCH', `${users()}/${owner2.id}`, { role: 'admin' }, auth(adminToken))).status).toBe(403);
    // An owner may demote another owner, but not the last one.
    expect((await http('PATCH', `${users()}/${owner2.id}`, { role: 'admin' }, auth(ownerToken))).body.role).toBe('admin');
    const [first] = (await http('GET', users(), undefined, auth(ownerToken))).body.items.filter((u: { role: Role }) => u.role === 'owner');
    const last = await http('PATCH', `${users()}/${first.id}`, { role: 'admin' }, auth(ownerToken));
    expect(last.status).toBe(409);

    const dup = await http('POST', users(), { email: field.email.toUpperCase(), password: PASSWORD, role: 'viewer' }, auth(adminToken));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ISSUER.EMAIL_TAKEN');
    const bad = await http('POST', users(), { email: 'not-an-email', password: 'short', role: 'king' }, auth(adminToken));
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password', 'role']);

    const listed = (await http('GET', users(), undefined, auth(adminToken))).body.items as Array<Record<string, unknown>>;
    expect(listed.find((u) => u.id === field.id)).toEqual({ id: field.id, email: field.email, organisationId: ORG, role: 'viewer', disabled: false, createdAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|password/i);
  });

  it('makes API keys shown once, lists them without their secret, revokes them; an admin cannot make an owner key', async () => {
    const made = await http('POST', apiKeys(), { name: 'accounting export', role: 'finance' }, auth(adminToken));
    expect(made.status).toBe(201);
    const secret = made.body.apiKey as string;
    expect(secret.startsWith(`${made.body.prefix}_`)).toBe(true);
    expect((await http('POST', apiKeys(), { name: 'root', role: 'owner' }, auth(adminToken))).status).toBe(403);
    expect((await http('POST', apiKeys(), { name: 'root', role: 'owner' }, auth(ownerToken))).status).toBe(201);
    expect((await http('POST', apiKeys(), { name: 'old', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }, auth(adminToken))).body.fields[0].field).toBe('expiresAt');

    const keyToken = (await http('POST', `${svc.url}/v1/auth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_secret: secret }))).body.access_token as string;
    const list = await http('GET', apiKeys(), undefined, auth(adminToken));
    expect(list.status).toBe(200);
    const item = list.body.items.find((k: { id: string }) => k.id === made.body.id);
    expect(item).toMatchObject({ name: 'accounting export', role: 'finance', revokedAt: null, lastUsedAt: expect.any(String) });
    expect(list.text).not.toContain(secret.slice(made.body.prefix.length + 1));
    for (const k of list.body.items) expect(Object.keys(k).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'organisationId', 'prefix', 'revokedAt', 'role']);
    // A finance key may not manage keys.
    expect((await http('GET', apiKeys(), undefined, auth(keyToken))).status).toBe(403);

    const revoked = await http('DELETE', `${apiKeys()}/${made.body.id}`, undefined, auth(adminToken));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const again = await http('POST', `${svc.url}/v1/auth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_secret: secret }));
    expect([again.status, again.body.code]).toEqual([401, 'ISSUER.API_KEY_REVOKED']);
  });

  it('changes a user\'s own password (the old one then fails), and an API key has none', async () => {
    const user = await makeUser(ownerToken, 'viewer');
    const token = await signIn(user.email);
    const wrong = await http('PUT', `${svc.url}/v1/users/me/password`, { currentPassword: 'not-it-at-all', newPassword: 'another-long-password' }, auth(token));
    expect([wrong.status, wrong.body.code]).toEqual([400, 'ISSUER.WRONG_PASSWORD']);
    const changed = await http('PUT', `${svc.url}/v1/users/me/password`, { currentPassword: PASSWORD, newPassword: 'another-long-password' }, auth(token));
    expect(changed.status).toBe(204);
    expect((await http('POST', `${svc.url}/v1/auth/token`, new URLSearchParams({ grant_type: 'password', username: user.email, password: PASSWORD }))).status).toBe(400);
    await signIn(user.email, 'another-long-password');
    const key = (await http('POST', apiKeys(), { name: 'k', role: 'viewer' }, auth(ownerToken))).body.apiKey as string;
    const keyToken = (await http('POST', `${svc.url}/v1/auth/token`, { grant_type: 'api_key', api_key: key })).body.access_token as string;
    expect((await http('PUT', `${svc.url}/v1/users/me/password`, { currentPassword: 'x', newPassword: 'another-long-password' }, auth(keyToken))).status).toBe(403);
  });

  it('creates an organisation with its owner; each sees only its own users and keys, and a member of two picks one', async () => {
    const ownerEmail = nextEmail();
    const made = await http('POST', `${svc.url}/v1/organisations`, { name: 'Solar Co', ownerEmail, ownerPassword: PASSWORD }, auth(ownerToken));
    expect(made.status).toBe(201);
    const other = made.body.id as string;
    expect(made.body.owner).toMatchObject({ email: ownerEmail, organisationId: other, role: 'owner' });
    expect((await http('POST', `${svc.url}/v1/organisations`, { name: 'X', ownerEmail: nextEmail(), ownerPassword: PASSWORD }, auth(adminToken))).status).toBe(403);

    const otherOwner = await signIn(ownerEmail);
    expect((await http('GET', users(ORG), undefined, auth(otherOwner))).status).toBe(404);
    expect((await http('GET', apiKeys(ORG), undefined, auth(otherOwner))).status).toBe(404);
    expect((await http('GET', users(other), undefined, auth(ownerToken))).status).toBe(404);
    const theirs = await http('GET', users(other), undefined, auth(otherOwner));
    expect(theirs.body.items.map((u: { email: string }) => u.email)).toEqual([ownerEmail]);
    // The other organisation's owner cannot make organisations: only the default organisation's owners do.
    expect((await http('POST', `${svc.url}/v1/organisations`, { name: 'Y', ownerEmail: nextEmail(), ownerPassword: PASSWORD }, auth(otherOwner))).status).toBe(403);

    // A default-organisation user made owner of a second organisation: first membership by default, else the one asked.
    const both = await makeUser(ownerToken, 'viewer');
    const second = await http('POST', `${svc.url}/v1/organisations`, { name: 'Second', ownerEmail: both.email }, auth(ownerToken));
    expect(second.status).toBe(201);
    const secondId = second.body.id as string;
    const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
    expect(claims(await signIn(both.email))).toMatchObject({ org: ORG, role: 'viewer' });
    expect(claims(await signIn(both.email, PASSWORD, { organisation_id: secondId }))).toMatchObject({ org: secondId, role: 'owner' });
    expect((await http('GET', `${svc.url}/v1/organisations/${secondId}`, undefined, auth(await signIn(both.email)))).status).toBe(404);
  });
});
