import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID, IntegrationSettingsClient, JetStreamConnection, NatsRpcClient, RpcCallError, SecretBox } from '@limye/platform';
import { GetIntegrationReply, integrationPurpose, Subjects } from '@limye/contracts';
import { authHeader, CapturingLogger, eventually, http, InProcessService, startServiceInProcess, testInfra } from '@limye/testing';
import { customerRegistryService } from '../customer-registry.service-definition';

const ORG = DEFAULT_ORGANISATION_ID;
const moncash = {
  options: { baseUrl: 'https://sandbox.moncashbutton.digicelgroup.com/Api', gatewayUrl: 'https://sandbox.moncashbutton.digicelgroup.com/Moncash-middleware', clientId: 'org-a-client' },
  secrets: { clientSecret: 'org-a-very-secret' },
};

describe('integration settings (customer-registry, real Postgres + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  let nats: NatsRpcClient;
  const url = (org = ORG, system = 'moncash') => `${svc.url}/v1/organisations/${org}/integrations/${system}`;
  const as = (role: string, organisationId = ORG) => authHeader({ role, organisationId });

  beforeAll(async () => {
    svc = await startServiceInProcess(customerRegistryService);
    ds = svc.app.get(DataSource);
    nats = new NatsRpcClient(testInfra().natsUrl, 'test', 3000);
    await nats.connect();
  });
  afterAll(async () => {
    await nats?.onApplicationShutdown();
    await svc?.close();
  });
  beforeEach(async () => {
    await ds.query(`DELETE FROM integration_settings`);
  });

  it('stores options in clear and the secret sealed, and never answers the secret', async () => {
    const put = await http('PUT', url(), moncash, await as('admin'));
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ system: 'moncash', options: moncash.options, secretsSet: ['clientSecret'] });
    expect(put.text).not.toContain('org-a-very-secret');
    const again = await http('PUT', url(), moncash, await as('owner'));
    expect(again.status).toBe(200);
    for (const res of [await http('GET', url(), undefined, await as('admin')), await http('GET', `${svc.url}/v1/organisations/${ORG}/integrations`, undefined, await as('admin'))]) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('org-a-very-secret');
      expect(res.text).toContain('clientSecret');
    }
    const [row] = await ds.query(`SELECT options, sealed_secrets FROM integration_settings`);
    expect(row.options).toEqual(moncash.options);
    expect(row.sealed_secrets).toMatch(/^v1\./);
    expect(row.sealed_secrets).not.toContain('secret');
  });

  it('keeps a secret not sent again, clears one sent as null, and refuses a result lacking a required field', async () => {
    await http('PUT', url(), moncash, await as('admin'));
    const urlOnly = await http('PUT', url(), { options: { ...moncash.options, clientId: 'renamed' } }, await as('admin'));
    expect(urlOnly.status).toBe(200);
    expect(urlOnly.body.secretsSet).toEqual(['clientSecret']);
    const cleared = await http('PUT', url(), { options: moncash.options, secrets: { clientSecret: null } }, await as('admin'));
    expect(cleared.status).toBe(400);
    expect(cleared.body.message).toContain('secrets.clientSecret');
    const [row] = await ds.query(`SELECT options FROM integration_settings`);
    expect(row.options.clientId).toBe('renamed');
  });

  it('names each bad field with a 400 and writes nothing', async () => {
    const bad = await http('PUT', url(), { options: { baseUrl: 'ftp://x', gatewayUrl: 'https://g.example/x', clientId: 'c', colour: 'red' }, secrets: { clientId: 'x', clientSecret: 7 } }, await as('admin'));
    expect(bad.status).toBe(400);
    for (const field of ['options.baseUrl', 'options.colour', 'secrets.clientId', 'secrets.clientSecret']) expect(bad.body.message).toContain(field);
    expect((await http('PUT', url(ORG, 'telepathy'), moncash, await as('admin'))).status).toBe(400);
    expect((await http('PUT', url('not-a-uuid'), moncash, await as('admin'))).status).toBe(400);
    expect(await ds.query(`SELECT 1 FROM integration_settings`)).toHaveLength(0);
  });

  it('is for owners and admins of that organisation only: other roles 403, another organisation 404, no token 401', async () => {
    await http('PUT', url(), moncash, await as('admin'));
    for (const role of ['finance', 'field', 'viewer', 'programme']) {
      expect((await http('PUT', url(), moncash, await as(role))).status).toBe(403);
      expect((await http('GET', url(), undefined, await as(role))).status).toBe(403);
    }
    const other = randomUUID();
    expect((await http('GET', url(), undefined, await as('owner', other))).status).toBe(404);
    expect((await http('PUT', url(), moncash, await as('owner', other))).status).toBe(404);
    expect((await http('DELETE', url(), undefined, await as('owner', other))).status).toBe(404);
    expect((await http('GET', url(), undefined, { authorization: '' })).status).toBe(401);
    expect((await http('DELETE', url(), undefined, await as('admin'))).status).toBe(204);
    expect((await http('GET', url(), undefined, await as('admin'))).status).toBe(404);
  });

  it('gives services the secrets sealed for that organisation and system only, and they open them with the shared key', async () => {
    await http('PUT', url(), moncash, await as('admin'));
    const reply = await nats.request<GetIntegrationReply>(Subjects.registryIntegrationGet, { organisationId: ORG, system: 'moncash' });
    expect(reply.configured).toBe(true);
    if (!reply.configured) return;
    expect(JSON.stringify(reply)).not.toContain('org-a-very-secret');
    const settings = svc.app.get(IntegrationSettingsClient);
    expect(await settings.get(ORG, 'moncash')).toEqual({ ...moncash.options, ...moncash.secrets });
    const unknown = await nats.request<GetIntegrationReply>(Subjects.registryIntegrationGet, { organisationId: randomUUID(), system: 'moncash' });
    expect(unknown).toEqual({ configured: false });
    await expect(nats.request(Subjects.registryIntegrationGet, { organisationId: 'x', system: 'moncash' })).rejects.toBeInstanceOf(RpcCallError);
  });

  it('drops the services\' cached copy when the settings change', async () => {
    await http('PUT', url(), moncash, await as('admin'));
    const settings = svc.app.get(IntegrationSettingsClient);
    expect((await settings.get(ORG, 'moncash'))?.clientSecret).toBe('org-a-very-secret');
    await http('PUT', url(), { options: moncash.options, secrets: { clientSecret: 'rotated-secret' } }, await as('admin'));
    await eventually(async () => (await settings.get(ORG, 'moncash'))?.clientSecret === 'rotated-secret', 5000);
    expect(svc.app.get(JetStreamConnection).connection).toBeDefined();
  });

  it('uses env settings for the default organisation only when it stored none', async () => {
    const settings = svc.app.get(IntegrationSettingsClient);
    const env = () => ({ clientId: 'from-env' });
    await http('PUT', url(), moncash, await as('admin'));
    await eventually(async () => (await settings.orEnvFor(ORG, 'moncash', env))?.clientId === 'org-a-client', 5000);
    expect((await http('DELETE', url(), undefined, await as('admin'))).status).toBe(204);
    await eventually(async () => (await settings.orEnvFor(ORG, 'moncash', env))?.clientId === 'from-env', 5000);
    expect(await settings.orEnvFor(ORG, 'moncash', env)).toEqual({ clientId: 'from-env' });
    expect(await settings.orEnvFor(randomUUID(), 'moncash', env)).toBeNull();
  });

  it('re-seals values of an older key with the current one after a rotation', async () => {
    const oldKey = SecretBox.generateKey();
    const old = SecretBox.fromEnv(oldKey);
    const org = ORG;
    await ds.query(
      `INSERT INTO integration_settings (organisation_id, system, options, sealed_secrets, secret_fields, updated_by) VALUES ($1, 'moncash', $2, $3, '{clientSecret}', 'test')`,
      [org, JSON.stringify(moncash.options), old.seal(JSON.stringify(moncash.secrets), integrationPurpose(org, 'moncash'))],
    );
    const rotated = await startServiceInProcess(customerRegistryService, { LIMYE_SECRETS_KEYS_PREVIOUS: oldKey, DATABASE_SCHEMA: svc.schema });
    try {
      const [row] = await ds.query(`SELECT sealed_secrets FROM integration_settings`);
      expect(old.keyIdOf(row.sealed_secrets)).not.toBe(old.currentKeyId);
      expect(await rotated.app.get(IntegrationSettingsClient).get(org, 'moncash')).toMatchObject(moncash.secrets);
    } finally {
      await rotated.app.close();
    }
  });

  it('never logs a secret', async () => {
    const logs = new CapturingLogger();
    svc.app.useLogger(logs);
    await http('PUT', url(), moncash, await as('admin'));
    await http('PUT', url(), { options: moncash.options, secrets: { clientSecret: 'x'.repeat(300) } }, await as('admin'));
    expect(logs.lines.join("\n")).not.toContain('org-a-very-secret');
  });
});
