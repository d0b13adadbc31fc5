import { DataSource } from 'typeorm';
import { http, InProcessService, startServiceInProcess } from '@limye/testing';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { programmeTestEnv } from '../programme/testing/programme-test.helpers';
import { CATALOGUES } from './messages/render';

/** A phone (or a gateway address) over USSD_RATE_LIMIT_*: the gateway still gets a screen it can show, an END. */
describe('USSD rate limits (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  let svc: InProcessService;
  let ds: DataSource;
  let n = 0;
  const hop = (phone: string) =>
    http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ sessionId: `ATUid_rl_${++n}`, serviceCode: '*384*1#', phoneNumber: phone, networkCode: '63510', text: '' }));
  const arkesel = (msisdn: string) =>
    http('POST', `${svc.url}/v1/ussd/arkesel`, { sessionID: `ark_rl_${++n}`, userID: 'limye', newSession: true, msisdn, userData: '*384*1#', network: 'MTN' });

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { USSD_RATE_LIMIT_PER_PHONE: '1/min burst 3', USSD_RATE_LIMIT_PER_ADDRESS: '1/min burst 12' }));
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  it("answers a phone over its limit with Africa's Talking's END screen in both languages, HTTP 200, nothing logged", async () => {
    const phone = '+250788999001';
    for (let i = 0; i < 3; i++) {
      const ok = await hop(phone);
      expect(ok.status).toBe(200);
      expect(ok.text).toMatch(/^CON /);
    }
    const busy = await hop(phone);
    expect(busy.status).toBe(200);
    expect(busy.text).toMatch(/^END /);
    expect(busy.text).toContain(CATALOGUES.en.screens.busy({}));
    expect(busy.text).toContain(CATALOGUES.rw.screens.busy({}));
    // Another phone is not affected.
    expect((await hop('+250788999002')).text).toMatch(/^CON /);
    const logged = await ds.query(`SELECT count(*)::int AS n FROM ussd_requests WHERE phone = $1`, [phone]);
    expect(logged[0].n).toBe(3);
    const metrics = (await http('GET', `${svc.url}/metrics`)).text;
    expect(metrics).toMatch(/limye_rate_limited_total\{policy="ussd-hop",scope="account"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/limye_ussd_hops_total\{[^}]*outcome="rate_limited"[^}]*\} [1-9]/);
  });

  it('answers in the gateway\'s own shape (Arkesel: JSON with continueSession false) once the address is over its limit', async () => {
    let last;
    for (let i = 0; i < 12; i++) last = await arkesel(`2507889990${String(10 + i)}`);
    expect(last!.status).toBe(200);
    expect(last!.body).toMatchObject({ continueSession: false });
    expect(String(last!.body.message)).toContain(CATALOGUES.en.screens.busy({}));
  });
});
