import 'reflect-metadata';
import { ControlCallError } from './simulators-client';
import { RunningSimulators, startSimulators } from './start-simulators';

/** The test helper itself: the simulators chosen, the settings given, and the control client's helpers. */
describe('startSimulators', () => {
  const started: RunningSimulators[] = [];
  const start = async (...args: Parameters<typeof startSimulators>) => {
    const sim = await startSimulators(...args);
    started.push(sim);
    return sim;
  };
  afterAll(async () => {
    for (const sim of started) await sim.close();
  });

  it('runs only the simulators asked for, with the credentials given, on its own port', async () => {
    const sim = await start({ only: ['sparkmeter'], env: { SPARKMETER_KOIOS_API_KEY: 'k-1', SPARKMETER_KOIOS_API_SECRET: 's-1' } });
    const other = await start({ only: ['sparkmeter'] });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(other.url).not.toBe(sim.url);
    expect(sim.env.SPARKMETER_KOIOS_API_KEY).toBe('k-1');
    const koios = (key: string, secret: string) => fetch(`${sim.url}/api/v1/customers?code=0252SHG`, { headers: { 'X-API-KEY': key, 'X-API-SECRET': secret } });
    expect((await koios('k-1', 's-1')).status).toBe(200);
    expect((await koios('sandbox-key', 'sandbox-secret')).status).toBe(401);
    // No MonCash, no OMIS here; faults and reset still answer.
    expect((await fetch(`${sim.url}/Api/oauth/token`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${sim.url}/sandbox/rwanda/households`)).status).toBe(404);
    await sim.reset();
    // What one instance holds, the other does not.
    await sim.sparkmeter.recordKoiosPayment({ customerCode: '0252SHG', amountMinor: 100, externalId: 'only-here' });
    expect(await sim.sparkmeter.creditsFor('only-here')).toBe(1);
    expect(await other.sparkmeter.creditsFor('only-here')).toBe(0);
  });

  it('refuses an unknown simulator and a bad setting, naming them', async () => {
    await expect(startSimulators({ only: ['mpesa' as never] })).rejects.toThrow(/unknown simulator mpesa/);
    await expect(startSimulators({ env: { SANDBOX_RWANDA_HOUSEHOLDS: '0' } })).rejects.toThrow(/SANDBOX_RWANDA_HOUSEHOLDS/);
  });

  it('throws ControlCallError when a control call is refused', async () => {
    const sim = await start({ only: ['sparkmeter'] });
    await expect(sim.sparkmeter.customer('NOPE')).rejects.toEqual(expect.objectContaining({ name: 'ControlCallError', status: 404 }));
    await expect(sim.sparkmeter.customer('NOPE')).rejects.toBeInstanceOf(ControlCallError);
  });

  it('counts ThunderCloud credits only once processed', async () => {
    const sim = await start({ only: ['sparkmeter'] });
    await sim.sparkmeter.config({ thundercloudPendingPolls: 1, thundercloudSettleMs: 0 });
    const tc = { 'content-type': 'application/json', 'Authentication-Token': 'sandbox-token' };
    const created = await fetch(`${sim.url}/api/v0/transaction`, {
      method: 'POST',
      headers: tc,
      body: JSON.stringify({ customer_id: '9d4e7b21-8c3a-4f6e-b5d0-2e1f3a4b5c01', amount: '2.00', external_id: 'tc-1' }),
    });
    const { transaction_id: id } = (await created.json()) as { transaction_id: string };
    expect(await sim.sparkmeter.creditsFor('tc-1')).toBe(0);
    await fetch(`${sim.url}/api/v0/transaction/${id}`, { headers: tc });
    await fetch(`${sim.url}/api/v0/transaction/${id}`, { headers: tc });
    expect(await sim.sparkmeter.creditsFor('tc-1')).toBe(1);
    expect(await sim.sparkmeter.requestsFor('tc-1')).toEqual(['POST /api/v0/transaction ext=tc-1']);
  });

  it('hands out each household of the population once, as asked', async () => {
    const sim = await start({ only: ['rwanda'], env: { SANDBOX_RWANDA_HOUSEHOLDS: '300' } });
    const pool = await sim.rwanda.pool();
    expect(pool.households).toHaveLength(300);
    const a = pool.take({ status: 'eligible', category: '1', minMembers: 2 });
    const b = pool.take({ status: 'eligible', category: '1', minMembers: 2 });
    expect(a.householdId).not.toBe(b.householdId);
    expect([a, b].every((h) => h.category === '1' && h.memberCount >= 2 && !h.omis.subsidised && !h.omis.ongoingSale && !h.omis.repossession)).toBe(true);
    expect(pool.take({ status: 'subsidised' }).omis.subsidised).toBe(true);
    expect(() => pool.take({ minMembers: 99 })).toThrow(/no household left/);
  });
});
