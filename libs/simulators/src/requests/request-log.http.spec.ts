import 'reflect-metadata';
import { RunningSimulators, startSimulators } from '../testing/start-simulators';

/** `GET /sandbox/requests`: every request to a simulated vendor, faulted ones too; never the control API. */
describe('request log over HTTP', () => {
  let sim: RunningSimulators;
  const KOIOS = { 'content-type': 'application/json', 'X-API-KEY': 'sandbox-key', 'X-API-SECRET': 'sandbox-secret' };
  const TC = { 'Authentication-Token': 'sandbox-token' };

  beforeAll(async () => {
    sim = await startSimulators({ only: ['sparkmeter'] });
  });
  afterAll(() => sim?.close());
  beforeEach(() => sim.reset());

  const pay = (externalId: string) =>
    fetch(`${sim.url}/api/v1/payments`, { method: 'POST', headers: KOIOS, body: JSON.stringify({ customer_code: '0252SHG', amount: '25.00', external_id: externalId }) });

  it('records method, path with query, external_id (body or query), the status answered and the body, in order', async () => {
    expect((await pay('p-1')).status).toBe(200);
    expect((await pay('p-1')).status).toBe(400);
    expect((await fetch(`${sim.url}/api/v1/payments?external_id=p-1`, { headers: KOIOS })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/v0/customer/0101JAC`, { headers: TC })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/v1/customers`, { headers: { 'X-API-KEY': 'wrong' } })).status).toBe(401);
    await sim.sparkmeter.customer('0252SHG'); // the control API is not recorded

    const all = await sim.requests.list();
    expect(all.map((r) => [r.target, r.method, r.path, r.externalId, r.status])).toEqual([
      ['koios', 'POST', '/api/v1/payments', 'p-1', 200],
      ['koios', 'POST', '/api/v1/payments', 'p-1', 400],
      ['koios', 'GET', '/api/v1/payments?external_id=p-1', 'p-1', 200],
      ['thundercloud', 'GET', '/api/v0/customer/0101JAC', null, 200],
      ['koios', 'GET', '/api/v1/customers', null, 401],
    ]);
    expect(all[0]).toEqual({ seq: expect.any(Number), at: expect.any(String), target: 'koios', method: 'POST', path: '/api/v1/payments', externalId: 'p-1', status: 200, body: { customer_code: '0252SHG', amount: '25.00', external_id: 'p-1' } });
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => a - b));

    expect((await sim.requests.list({ target: 'thundercloud' })).map((r) => r.path)).toEqual(['/api/v0/customer/0101JAC']);
    expect((await sim.requests.list({ externalId: 'p-1', method: 'get' })).map((r) => r.path)).toEqual(['/api/v1/payments?external_id=p-1']);
    expect((await sim.requests.list({ path: '/api/v1/payments?' })).length).toBe(1);
    expect((await sim.requests.list({ after: all[3].seq })).map((r) => r.seq)).toEqual([all[4].seq]);
    expect(await sim.sparkmeter.requestsFor('p-1')).toEqual([
      'POST /api/v1/payments ext=p-1',
      'POST /api/v1/payments ext=p-1',
      'GET /api/v1/payments?external_id=p-1',
    ]);
  });

  it('records faulted requests: dropped ones with status 0, a fault status with it', async () => {
    await sim.faults.set('koios', { mode: 'down', count: 1, then: { mode: 'status', status: 503, count: 1 } });
    await expect(pay('p-2')).rejects.toThrow(/fetch failed/);
    expect((await pay('p-2')).status).toBe(503);
    expect((await pay('p-2')).status).toBe(200);
    expect((await sim.requests.list({ externalId: 'p-2' })).map((r) => r.status)).toEqual([0, 503, 200]);
    expect(await sim.sparkmeter.creditsFor('p-2')).toBe(1);
  });

  it('forgets on DELETE and on reset, seq counting on; refuses a bad filter', async () => {
    await pay('p-3');
    const before = await sim.requests.latestSeq();
    expect(before).toBeGreaterThan(0);
    await sim.requests.clear();
    expect(await sim.requests.list()).toEqual([]);
    await pay('p-4');
    expect((await sim.requests.list())[0].seq).toBe(before + 1);
    await sim.reset();
    expect(await sim.requests.list()).toEqual([]);
    const bad = await fetch(`${sim.url}/sandbox/requests?target=mpesa&after=-1`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/target.*after|after.*target/) });
  });
});
