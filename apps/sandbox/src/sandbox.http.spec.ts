import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'net';
import { bootstrapService } from '@limye/platform';
import { sandboxService } from './sandbox.service-definition';

/**
 * The sandbox app as main.ts starts it (bootstrapService, no database, no NATS): its own probes and
 * metrics, and the simulators of @limye/simulators behind it, forms included. The simulators themselves
 * are tested in libs/simulators.
 */
describe('sandbox app', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await bootstrapService(sandboxService, {
      inTest: true,
      envSource: { SANDBOX_PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', MONCASH_ALERT_URL: 'http://127.0.0.1:9/alert' },
    });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers health probes and metrics', async () => {
    for (const probe of ['/health/live', '/health/ready']) {
      const res = await fetch(base + probe);
      expect({ probe, status: res.status, body: await res.json() }).toEqual({ probe, status: 200, body: { status: 'ok' } });
    }
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);
  });

  it('serves every simulator: MonCash with its form token request, SparkMeter, OMIS/MEIS, faults and reset', async () => {
    const token = await fetch(`${base}/Api/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(token.status).toBe(200);
    const koios = await fetch(`${base}/api/v1/customers?code=0252SHG`, { headers: { 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'sandbox-secret' } });
    expect(((await koios.json()) as any).data[0].code).toBe('0252SHG');
    const households = (await (await fetch(`${base}/sandbox/rwanda/households?limit=1`)).json()) as any;
    expect(households.total).toBe(5000);
    const meis = await fetch(`${base}/meis/v1/persons/${households.households[0].headNationalId}`, { headers: { 'X-API-Key': 'sandbox-meis-key' } });
    expect(meis.status).toBe(200);
    expect((await fetch(`${base}/sandbox/faults`)).status).toBe(200);
    expect((await fetch(`${base}/sandbox/reset`, { method: 'POST' })).status).toBe(204);
    // The control API takes JSON only, like any Limye service.
    const form = await fetch(`${base}/sandbox/sparkmeter/customers`, { method: 'POST', body: new URLSearchParams({ code: 'X1', api: 'koios' }) });
    expect(form.status).toBe(415);
  });
});
