import { Logger } from '@nestjs/common';
import type { EligibilityEnv } from '../config/eligibility.env';
import { MeisHttpClient } from './meis-http.client';
import { OmisHttpClient } from './omis-http.client';
import { FAKE_KEYS, FakeNationalSystems } from './testing/fake-national-systems.server';

/** The MEIS and OMIS clients against a fake on a loopback port (no database, no NATS). */
describe('MEIS and OMIS HTTP clients', () => {
  const fake = new FakeNationalSystems();
  const NID = '1198780012345012';
  const env = (over: Partial<EligibilityEnv> = {}) =>
    ({
      MEIS_BASE_URL: `${fake.url}/meis`,
      MEIS_API_KEY: FAKE_KEYS.meis,
      OMIS_BASE_URL: `${fake.url}/omis`,
      OMIS_API_KEY: FAKE_KEYS.omis,
      NATIONAL_SYSTEMS_TIMEOUT_MS: 200,
      ...over,
    }) as EligibilityEnv;
  const within = (ms: number) => ({ deadlineAt: Date.now() + ms });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await fake.start();
    fake.persons.set(NID, { householdId: '0412345678', category: '2', memberCount: 3, isHouseholdHead: false });
    fake.statuses.set(NID, { voucherNumber: '73920184', ongoingSale: true });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.seen.length = 0;
  });

  it('MEIS: sends the key and reads the person; the path carries the ID, nothing else does', async () => {
    const meis = new MeisHttpClient(env());
    await expect(meis.findPerson(NID, within(1000))).resolves.toEqual({
      kind: 'found',
      householdId: '0412345678',
      isHouseholdHead: false,
      category: '2',
      memberCount: 3,
    });
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]).toMatchObject({ system: 'meis', method: 'GET', path: `/v1/persons/${NID}`, apiKey: FAKE_KEYS.meis });
  });

  it('MEIS: an unknown ID is not_found at once, without retries', async () => {
    const meis = new MeisHttpClient(env());
    await expect(meis.findPerson('1199080099999012', within(1000))).resolves.toEqual({ kind: 'not_found' });
    expect(fake.seen).toHaveLength(1);
  });

  it('a wrong key is unavailable (401), not retried', async () => {
    const meis = new MeisHttpClient(env({ MEIS_API_KEY: 'wrong' }));
    await expect(meis.findPerson(NID, within(1000))).resolves.toMatchObject({ kind: 'unavailable', reason: 'HTTP 401' });
    expect(fake.seen).toHaveLength(1);
  });

  it('retries a 503 while the deadline allows, then gives up by the deadline', async () => {
    fake.faults.meis = { mode: 'error503' };
    const meis = new MeisHttpClient(env());
    const started = Date.now();
    const answer = await meis.findPerson(NID, within(600));
    expect(answer.kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(900);
    expect(fake.seen.length).toBeGreaterThanOrEqual(2);
    expect(fake.seen.length).toBeLessThan(5); // so the breaker is still closed for the next test
  });

  it('a retry after a 503 that then succeeds gives the answer', async () => {
    fake.faults.omis = { mode: 'error503' };
    const omis = new OmisHttpClient(env());
    setTimeout(() => (fake.faults.omis = { mode: 'none' }), 50);
    await expect(omis.householdStatus(NID, within(1500))).resolves.toEqual({
      kind: 'found',
      subsidised: false,
      ongoingSale: true,
      repossession: false,
      voucherNumber: '73920184',
    });
    expect(fake.seen.filter((s) => s.system === 'omis').length).toBeGreaterThanOrEqual(2);
    expect(fake.seen.every((s) => s.path === `/v1/households/status?nationalId=${NID}` && s.apiKey === FAKE_KEYS.omis)).toBe(true);
  });

  it('times out a slow attempt and retries it within the deadline', async () => {
    fake.faults.meis = { mode: 'slow', delayMs: 1000 };
    const meis = new MeisHttpClient(env({ NATIONAL_SYSTEMS_TIMEOUT_MS: 150 }));
    const started = Date.now();
    await expect(meis.findPerson(NID, within(500))).resolves.toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(800);
    expect(fake.seen.length).toBeGreaterThanOrEqual(2);
  });

  it('after 5 failures in a row fails fast, without calling the system', async () => {
    fake.faults.meis = { mode: 'down' };
    const meis = new MeisHttpClient(env());
    for (let i = 0; i < 5 && meis.http.breakerState() === 'closed'; i++) await meis.findPerson(NID, within(300));
    expect(meis.http.breakerState()).toBe('open');
    const calls = fake.seen.length;
    fake.faults.meis = { mode: 'none' }; // back, but the circuit stays open for its period
    const started = Date.now();
    await expect(meis.findPerson(NID, within(2000))).resolves.toMatchObject({ kind: 'unavailable', reason: 'circuit open' });
    expect(Date.now() - started).toBeLessThan(50);
    expect(fake.seen.length).toBe(calls);
  });

  it('an abandoned lookup returns at once', async () => {
    fake.faults.omis = { mode: 'slow', delayMs: 2000 };
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
      householdId: '0412345678',
      nationalId: NID,
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
    expect(fake.sales.get('12345674')?.body).toEqual(record);
    await expect(omis.confirmSale('12345674', { householdId: '0412345678', confirmedAt: '2026-11-25T14:00:00.000Z' })).resolves.toMatchObject({ status: 200 });
    await expect(omis.cancelSale('12345674', { reason: 'reservation_expired' })).resolves.toEqual({ kind: 'answered', status: 409, error: 'sale_installed' });
    expect(fake.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'PUT /v1/sales/12345674',
      'PUT /v1/sales/12345674',
      'POST /v1/sales/12345674/confirmation',
      'POST /v1/sales/12345674/cancellation',
    ]);
    fake.faults.omis = { mode: 'error503' };
    await expect(omis.confirmSale('12345674', { householdId: '0412345678', confirmedAt: '2026-11-25T14:00:00.000Z' })).resolves.toMatchObject({ status: 503 });
    expect(fake.seen).toHaveLength(5);
  });
});
