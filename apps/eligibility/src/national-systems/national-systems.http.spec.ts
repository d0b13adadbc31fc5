import { Logger } from '@nestjs/common';
import type { EligibilityEnv } from '../config/eligibility.env';
import { MeisHttpClient } from './meis-http.client';
import { OmisHttpClient } from './omis-http.client';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';

/** The MEIS and OMIS clients against the simulators on a loopback port (no database, no NATS). */
describe('MEIS and OMIS HTTP clients', () => {
  let sim: RunningSimulators;
  /** A member (not the head) of a household with a sale ongoing in OMIS, and an eligible household for the writes. */
  let NID: string;
  let person: { householdId: string; category: string; memberCount: number; voucherNumber: string };
  let free: { householdId: string; headNationalId: string };
  const env = (over: Partial<EligibilityEnv> = {}) =>
    ({
      MEIS_BASE_URL: `${sim.url}/meis`,
      MEIS_API_KEY: sim.env.MEIS_API_KEY,
      OMIS_BASE_URL: `${sim.url}/omis`,
      OMIS_API_KEY: sim.env.OMIS_API_KEY,
      NATIONAL_SYSTEMS_TIMEOUT_MS: 200,
      ...over,
    }) as EligibilityEnv;
  const within = (ms: number) => ({ deadlineAt: Date.now() + ms });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sim = await startSimulators({ only: ['rwanda'] });
    const pool = await sim.rwanda.pool();
    const h = pool.take({ status: 'ongoing_sale', minMembers: 2 });
    NID = h.members[1].nationalId;
    person = h;
    free = pool.take({ status: 'eligible' });
  });
  afterAll(() => sim?.close());
  beforeEach(async () => {
    await sim.faults.clear();
    await sim.requests.clear();
  });

  it('MEIS: sends the key and reads the person; the path carries the ID, nothing else does', async () => {
    const meis = new MeisHttpClient(env());
    await expect(meis.findPerson(NID, within(1000))).resolves.toEqual({
      kind: 'found',
      householdId: person.householdId,
      isHouseholdHead: false,
      category: person.category,
      memberCount: person.memberCount,
    });
    const seen = await sim.requests.list();
    expect(seen).toHaveLength(1);
    // 200: the simulator answers 401 to a missing or wrong key.
    expect(seen[0]).toMatchObject({ target: 'meis', method: 'GET', path: `/meis/v1/persons/${NID}`, status: 200 });
  });

  it('MEIS: an unknown ID is not_found at once, without retries', async () => {
    const meis = new MeisHttpClient(env());
    const [unknown] = await sim.rwanda.unknownNationalIds(1);
    await expect(meis.findPerson(unknown, within(1000))).resolves.toEqual({ kind: 'not_found' });
    expect(await sim.requests.list()).toHaveLength(1);
  });

  it('a wrong key is unavailable (401), not retried', async () => {
    const meis = new MeisHttpClient(env({ MEIS_API_KEY: 'wrong' }));
    await expect(meis.findPerson(NID, within(1000))).resolves.toMatchObject({ kind: 'unavailable', reason: 'HTTP 401' });
    expect(await sim.requests.list()).toHaveLength(1);
  });

  it('retries a 503 while the deadline allows, then gives up by the deadline', async () => {
    await sim.faults.set('meis', { mode: 'status', status: 503 });
    const meis = new MeisHttpClient(env());
    const started = Date.now();
    const answer = await meis.findPerson(NID, within(600));
    expect(answer.kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(900);
    const seen = await sim.requests.list();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(5); // so the breaker is still closed for the next test
  });

  it('a retry after a 503 that then succeeds gives the answer', async () => {
    await sim.faults.set('omis', { mode: 'status', status: 503 });
    const omis = new OmisHttpClient(env());
    setTimeout(() => void sim.faults.clear('omis'), 50);
    await expect(omis.householdStatus(NID, within(1500))).resolves.toEqual({
      kind: 'found',
      subsidised: false,
      ongoingSale: true,
      repossession: false,
      voucherNumber: person.voucherNumber,
    });
    const seen = await sim.requests.list();
    expect(seen.filter((s) => s.target === 'omis').length).toBeGreaterThanOrEqual(2);
    expect(seen.every((s) => s.path === `/omis/v1/households/status?nationalId=${NID}`)).toBe(true);
    // Answered 503 by the fault, then 200 with the key (a wrong one is 401).
    expect(seen.map((s) => s.status)).toEqual([...seen.slice(0, -1).map(() => 503), 200]);
  });

  it('times out a slow attempt and retries it within the deadline', async () => {
    await sim.faults.set('meis', { mode: 'slow', delayMs: 1000 });
    const meis = new MeisHttpClient(env({ NATIONAL_SYSTEMS_TIMEOUT_MS: 150 }));
    const started = Date.now();
    await expect(meis.findPerson(NID, within(500))).resolves.toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(800);
    expect((await sim.requests.list()).length).toBeGreaterThanOrEqual(2);
  });

  it('after 5 failures in a row fails fast, without calling the system', async () => {
    await sim.faults.set('meis', { mode: 'down' });
    const meis = new MeisHttpClient(env());
    for (let i = 0; i < 5 && meis.http.breakerState() === 'closed'; i++) await meis.findPerson(NID, within(300));
    expect(meis.http.breakerState()).toBe('open');
    const calls = (await sim.requests.list()).length;
    await sim.faults.clear('meis'); // back, but the circuit stays open for its period
    const started = Date.now();
    await expect(meis.findPerson(NID, within(2000))).resolves.toMatchObject({ kind: 'unavailable', reason: 'circuit open' });
    expect(Date.now() - started).toBeLessThan(50);
    expect(await sim.requests.list()).toHaveLength(calls);
  });

  it('an abandoned lookup returns at once', async () => {
    await sim.faults.set('omis', { mode: 'slow', delayMs: 2000 });
    const omis = new OmisHttpClient(env({ NATIONAL_SYSTEMS_TIMEOUT_MS: 1500 }));
    const abandon = new AbortController();
    setTimeout(() => abandon.abort(), 50);
    const started = Date.now();
    await expect(omis.householdStatus(NID, { deadlineAt: Date.now() + 2500, signal: abandon.signal })).resolves.toMatchObject({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(omis.http.breakerState()).toBe('closed');
  });

  it('OMIS writes: one attempt each, answered with the status and the error code', async () => {
    const omis = new OmisHttpClient(env());
    const record = {
      reference: '12345674',
      householdId: free.householdId,
      nationalId: free.headNationalId,
      companyCode: 'SOLARCO',
      productCode: 'SHS-50W',
      priceRwf: 115000,
      incentiveRwf: 103500,
      category: '1',
      tier: 1,
      location: { province: 'P', district: 'D', sector: 'S', cell: 'C', village: 'V' },
      registeredAt: '2026-11-22T10:15:00.000Z',
    };
    await expect(omis.recordSale('12345674', record)).resolves.toEqual({ kind: 'answered', status: 201, error: undefined });
    await expect(omis.recordSale('12345674', record)).resolves.toMatchObject({ kind: 'answered', status: 200 });
    expect((await sim.requests.list({ method: 'PUT' }))[0].body).toEqual(record);
    await expect(omis.confirmSale('12345674', { householdId: free.householdId, confirmedAt: '2026-11-25T14:00:00.000Z' })).resolves.toMatchObject({ status: 200 });
    await expect(omis.cancelSale('12345674', { reason: 'reservation_expired' })).resolves.toEqual({ kind: 'answered', status: 409, error: 'sale_installed' });
    expect((await sim.requests.list()).map((s) => `${s.method} ${s.path}`)).toEqual([
      'PUT /omis/v1/sales/12345674',
      'PUT /omis/v1/sales/12345674',
      'POST /omis/v1/sales/12345674/confirmation',
      'POST /omis/v1/sales/12345674/cancellation',
    ]);
    await sim.faults.set('omis', { mode: 'status', status: 503 });
    await expect(omis.confirmSale('12345674', { householdId: free.householdId, confirmedAt: '2026-11-25T14:00:00.000Z' })).resolves.toMatchObject({ status: 503 });
    expect(await sim.requests.list()).toHaveLength(5);
  });
});
