import { DataSource } from 'typeorm';
import { http, InProcessService, nestedJson, pendingSchemaChanges, startServiceInProcess } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { HouseholdPool, RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { adminClient, programmeTestEnv } from '../programme/testing/programme-test.helpers';
import { CATALOGUES } from './messages/render';
import { UssdSessionSweeper } from './ussd-session.sweeper';

const EN = CATALOGUES.en.screens;
const RW = CATALOGUES.rw.screens;
const AGENT_PHONE = '+250788123456';
const PIN = '7305';

describe('USSD gateways over HTTP (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  let pool: HouseholdPool;
  let svc: InProcessService;
  let ds: DataSource;
  let nextSession = 1;

  /** A household of the simulated MEIS (category 1: 90 %), never used before in this file: its head and voucher number. */
  function household(category = '1', status: { subsidised?: boolean; ongoingSale?: boolean } = {}) {
    const h = pool.take({ category, status: status.subsidised ? 'subsidised' : status.ongoingSale ? 'ongoing_sale' : 'eligible' });
    return { nationalId: h.headNationalId, householdId: h.householdId, voucher: h.voucherNumber };
  }

  const sessionId = () => `ATUid_${nextSession++}_${Date.now()}`;
  const at = (sid: string, text: string, phone = AGENT_PHONE) =>
    http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ sessionId: sid, serviceCode: '*384*1#', phoneNumber: phone, networkCode: '63510', text }));
  const arkesel = (body: unknown) => http('POST', `${svc.url}/v1/ussd/arkesel`, typeof body === 'string' ? body : body, { 'content-type': 'application/json' });
  const logRows = (sid: string) =>
    ds.query(`SELECT gateway, phone, language, input_masked, screen, outcome, national_id_masked, service_code, network_code, duration_ms FROM ussd_requests WHERE session_id = $1 ORDER BY id`, [sid]);

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    pool = await sim.rwanda.pool();
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { RBF_BUDGETS_RWF: '1:10000000,2:10000000,3:10000000' }));
    ds = svc.app.get(DataSource);
    const admin = adminClient(svc.url);
    const company = (await admin.post('/v1/companies', { code: 'SOLARCO', name: 'Solar Co' })).body;
    expect((await admin.post(`/v1/companies/${company.id}/products`, { code: 'SHS-50W', name: 'SHS 50 W', priceRwf: 115000, incentiveCapRwf: 100000 })).status).toBe(201);
    expect((await admin.post('/v1/agents', { phone: '0788123456', name: 'Aline', pin: PIN, companyIds: [company.id] })).status).toBe(201);
    await ds.query(`INSERT INTO ussd_phone_languages (phone, language) VALUES ($1, 'en')`, [AGENT_PHONE]);
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
  });

  it('is ready, and its migrations match its entities', async () => {
    expect((await http('GET', `${svc.url}/health/ready`)).status).toBe(200);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it("Africa's Talking: language, check, register, then confirm at installation, all logged without PIN or full ID", async () => {
    const phone = '+250722000333';
    const h = household();
    const s = sessionId();
    let res = await at(s, '', phone);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(`CON ${EN.language({})}`);
    expect((await at(s, '1', phone)).text).toBe(`CON ${EN.home({})}`);
    expect((await at(s, '1*1', phone)).text).toBe(`CON ${EN.enter_id({})}`);
    res = await at(s, `1*1*${h.nationalId}`, phone);
    expect(res.text).toBe(`CON ${EN.eligible({ percent: 90, category: '1' })}`);
    // Not an agent's phone: the register option ends politely.
    expect((await at(s, `1*1*${h.nationalId}*1`, phone)).text).toBe(`END ${EN.not_agent({})}`);

    // The agent's phone (language remembered: straight to home).
    const r = sessionId();
    expect((await at(r, '')).text).toBe(`CON ${EN.home({})}`);
    expect((await at(r, '1')).text).toBe(`CON ${EN.enter_id({})}`);
    let path = '1';
    const next = async (input: string) => {
      path += `*${input}`;
      const reply = await at(r, path);
      expect(reply.status).toBe(200);
      return reply.text;
    };
    await next(h.nationalId);
    expect(await next('1')).toBe(`CON ${EN.pin({})}`);
    // One company: straight to its products.
    expect(await next(PIN)).toBe('CON Choose the product:\n1. SHS 50 W 115,000 RWF\n0 Back 00 Home');
    expect(await next('1')).toMatch(/^CON Choose the province:\n1\. Umujyi wa Kigali\n/);
    for (const level of ['district', 'sector', 'cell', 'village']) expect(await next('1')).toMatch(new RegExp(`^CON Choose the ${level}:\\n1\\. `));
    const confirm = await next('1');
    expect(confirm).toMatch(/^CON Sale: ID \.\.\.\d{4}, cat\. 1 \(90%\)\nSHS 50 W\nPrice 115,000 RWF\nIncentive 100,000 RWF\nVillage .+\nType (\d{4}) to confirm\n0 Back 00 Home$/);
    expect(confirm).toContain(`Type ${h.nationalId.slice(-4)} to confirm`);
    const done = await next(h.nationalId.slice(-4));
    const ref = /^END Sale registered\. Ref (\d{8})\. Incentive 100,000 RWF reserved until \d\d\/\d\d\. Confirm it at installation\.$/.exec(done)?.[1];
    expect(ref).toBeDefined();

    // Installation: confirm with the voucher number.
    const c = sessionId();
    await at(c, '');
    expect((await at(c, `3*${PIN}`)).text).toBe(`CON ${EN.reference({})}`);
    expect((await at(c, `3*${PIN}*${ref}`)).text).toBe(`CON ${EN.household({})}`);
    expect((await at(c, `3*${PIN}*${ref}*${h.voucher}`)).text).toBe(`END ${EN.confirmed({ reference: ref as string })}`);

    const rows = await logRows(r);
    expect(rows.map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'menu', 'eligible', 'menu', 'pin_ok', 'menu', 'menu', 'menu', 'menu', 'menu', 'menu', 'sale_registered']);
    expect(rows[2]).toMatchObject({ gateway: 'africastalking', phone: AGENT_PHONE, language: 'en', screen: 'check.result', input_masked: `************${h.nationalId.slice(-4)}`, national_id_masked: `************${h.nationalId.slice(-4)}`, service_code: '*384*1#', network_code: '63510' });
    expect(rows[4]).toMatchObject({ screen: 'sale.product', input_masked: '****' });
    expect(rows[11]).toMatchObject({ screen: 'sale.result', national_id_masked: `************${h.nationalId.slice(-4)}` });
    for (const row of rows) expect(typeof row.duration_ms).toBe('number');
    const everything = JSON.stringify(await ds.query(`SELECT * FROM ussd_requests`));
    expect(everything).not.toContain(h.nationalId);
    expect(everything).not.toContain(PIN);
    expect((await logRows(c)).map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'pin_ok', 'menu', 'sale_confirmed']);
    // The language chosen on the first phone is remembered.
    expect(await ds.query(`SELECT language FROM ussd_phone_languages WHERE phone = $1`, [phone])).toEqual([{ language: 'en' }]);
  });

  it('answers a replayed hop with the same screen and processes nothing', async () => {
    const h = household();
    const s = sessionId();
    await at(s, '');
    await at(s, '1');
    const first = await at(s, `1*${h.nationalId}`);
    // Lookups are GETs (MEIS, OMIS status); an earlier test's OMIS writes may still be going out.
    const lookups = (await sim.requests.list({ method: 'GET' })).length;
    const again = await at(s, `1*${h.nationalId}`);
    expect(again.text).toBe(first.text);
    expect((await sim.requests.list({ method: 'GET' })).length).toBe(lookups);
    expect((await logRows(s)).map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'menu', 'eligible', 'replay']);
  });

  it('lets only one of two simultaneous copies of a hop act; both answer the same screen', async () => {
    const s = sessionId();
    await at(s, '');
    await at(s, '2');
    const [a, b] = await Promise.all([at(s, '2*0000'), at(s, '2*0000')]);
    expect(a.text).toBe(b.text);
    expect(a.text).toBe(`CON Wrong PIN, 4 tries left.\n${EN.pin({})}`);
    expect((await logRows(s)).map((x: { outcome: string }) => x.outcome).sort()).toEqual(['menu', 'menu', 'pin_wrong', 'replay']);
    // Only one attempt was counted.
    expect((await at(s, '2*0000*0000')).text).toBe(`CON Wrong PIN, 3 tries left.\n${EN.pin({})}`);
    await at(s, `2*0000*0000*${PIN}`);

    // A double press on the confirmation registers one sale and shows it twice.
    const h = household();
    let path = `2*0000*0000*${PIN}*${h.nationalId}*1*1*1*1*1`;
    expect((await at(s, path)).text).toMatch(/^CON Choose the village:/);
    path += '*1';
    expect((await at(s, path)).text).toMatch(/^CON Sale: /);
    path += `*${h.nationalId.slice(-4)}`;
    const [x, y, z] = await Promise.all([at(s, path), at(s, path), at(s, path)]);
    expect(x.text).toMatch(/^END Sale registered\. Ref \d{8}\./);
    expect(new Set([x.text, y.text, z.text]).size).toBe(1);
    const sales = await ds.query(`SELECT count(*)::int AS n FROM ussd_requests WHERE session_id = $1 AND outcome = 'sale_registered'`, [s]);
    expect(sales).toEqual([{ n: 1 }]);
  });

  it('answers input for an unknown or expired session with END, and the sweeper deletes expired sessions', async () => {
    expect((await at('ATUid_never_seen', '1*2')).text).toBe(`END ${EN.session_expired({})}`);
    expect((await at('ATUid_never_seen', '1', '+250788111222')).text).toBe(`END ${EN.session_expired({})}\n${RW.session_expired({})}`);
    const s = sessionId();
    await at(s, '');
    await ds.query(`UPDATE ussd_sessions SET expires_at = now() - interval '1 second' WHERE session_key = $1`, [`africastalking:${s}`]);
    expect((await at(s, '1')).text).toBe(`END ${EN.session_expired({})}`);
    expect((await logRows(s)).map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'session_expired']);
    expect(await svc.app.get(UssdSessionSweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await ds.query(`SELECT 1 FROM ussd_sessions WHERE session_key = $1`, [`africastalking:${s}`])).toEqual([]);
    const live = await ds.query(`SELECT count(*)::int AS n FROM ussd_sessions WHERE expires_at <= now()`);
    expect(live).toEqual([{ n: 0 }]);
  });

  it('answers bad requests with HTTP 200 and an END screen, logged as bad_request', async () => {
    const missing = await http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ text: '', serviceCode: '*384*1#' }));
    expect(missing.status).toBe(200);
    expect(missing.text).toBe(`END ${EN.bad_request({})}\n${RW.bad_request({})}`);
    const noSession = await http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ phoneNumber: AGENT_PHONE, text: '1' }));
    expect(noSession.text).toBe(`END ${EN.bad_request({})}`);
    const malformed = await http('POST', `${svc.url}/v1/ussd/africastalking`, '{"sessionId": "x", ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(200);
    expect(malformed.text.startsWith('END ')).toBe(true);
    const arkMalformed = await arkesel('{"sessionID": ');
    expect(arkMalformed.status).toBe(200);
    expect(arkMalformed.body).toEqual({ sessionID: '', userID: '', msisdn: '', message: `${EN.bad_request({})}\n${RW.bad_request({})}`, continueSession: false });
    const huge = await http('POST', `${svc.url}/v1/ussd/arkesel`, JSON.stringify({ sessionID: 'x', userData: 'x'.repeat(40000) }), { 'content-type': 'application/json' });
    expect(huge.status).toBe(200);
    expect(huge.body.continueSession).toBe(false);
    const logged = await ds.query(`SELECT gateway, phone, outcome FROM ussd_requests WHERE outcome = 'bad_request' ORDER BY id`);
    expect(logged).toEqual([
      { gateway: 'africastalking', phone: '', outcome: 'bad_request' },
      { gateway: 'africastalking', phone: AGENT_PHONE, outcome: 'bad_request' },
      { gateway: 'africastalking', phone: '', outcome: 'bad_request' },
      { gateway: 'arkesel', phone: '', outcome: 'bad_request' },
      { gateway: 'arkesel', phone: '', outcome: 'bad_request' },
    ]);
    expect((await http('POST', `${svc.url}/v1/ussd/nosuchgateway`, {})).status).toBe(404);
  });

  it('answers JSON nested 2,000 or 5,000 levels deep with HTTP 200 and an END screen (the platform\'s 400 is not for gateways)', async () => {
    for (const depth of [2_000, 5_000]) {
      const sessionID = `ark-deep-${depth}-${Date.now()}`;
      // A hop that would be valid but for its nesting: it is not acted on.
      const body = `{"sessionID":"${sessionID}","userID":"LIMYE01","msisdn":"250783000555","newSession":true,"userData":"*928#","x":${nestedJson(depth).slice(5)}`;
      const ark = await arkesel(body);
      expect({ depth, status: ark.status, body: ark.body }).toEqual({
        depth,
        status: 200,
        body: { sessionID: '', userID: '', msisdn: '', message: `${EN.bad_request({})}\n${RW.bad_request({})}`, continueSession: false },
      });
      expect(await ds.query(`SELECT 1 FROM ussd_sessions WHERE session_key = $1`, [`arkesel:${sessionID}`])).toEqual([]);
      const viaAt = await http('POST', `${svc.url}/v1/ussd/africastalking`, nestedJson(depth), { 'content-type': 'application/json' });
      expect({ depth, status: viaAt.status, text: viaAt.text }).toEqual({ depth, status: 200, text: `END ${EN.bad_request({})}\n${RW.bad_request({})}` });
    }
  });

  it('Arkesel: JSON, latest input only, in Kinyarwanda', async () => {
    const h = household('3');
    const base = { sessionID: `ark-${Date.now()}`, userID: 'LIMYE01', msisdn: '250783000444', network: 'MTN' };
    let res = await arkesel({ ...base, newSession: true, userData: '*928*01#' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({ ...base, network: undefined, message: EN.language({}), continueSession: true });
    // The gateway retries the first hop: same screen.
    expect((await arkesel({ ...base, newSession: true, userData: '*928*01#' })).body.message).toBe(EN.language({}));
    expect((await arkesel({ ...base, newSession: false, userData: '2' })).body.message).toBe(RW.home({}));
    expect((await arkesel({ ...base, newSession: false, userData: '1' })).body.message).toBe(RW.enter_id({}));
    res = await arkesel({ ...base, newSession: false, userData: h.nationalId });
    expect(res.body).toMatchObject({ message: RW.eligible({ percent: 45, category: '3' }), continueSession: true });
    res = await arkesel({ ...base, newSession: false, userData: '00' });
    expect(res.body.message).toBe(RW.home({}));
    const rows = await logRows(base.sessionID);
    expect(rows.map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'replay', 'language_set', 'menu', 'eligible', 'menu']);
    expect(rows[4]).toMatchObject({ gateway: 'arkesel', phone: '+250783000444', language: 'rw', service_code: '*928*01#', network_code: 'MTN' });
    expect((await arkesel({ ...base, sessionID: 'ark-unknown', newSession: false, userData: '1' })).body).toMatchObject({ message: RW.session_expired({}), continueSession: false });
  });

  it('drops a lone surrogate escape in a hop (jsonb refuses it in the session state): the normal screen, and the hop logged', async () => {
    const base = { sessionID: `ark-sur-${Date.now()}`, userID: 'LIMYE01', msisdn: AGENT_PHONE.slice(1), network: 'MTN' };
    const raw = JSON.stringify({ ...base, newSession: true }).replace(/}$/, ',"userData":"*662*100\\ud800#"}');
    const res = await arkesel(raw);
    expect(res.body).toMatchObject({ message: EN.home({}), continueSession: true });
    expect(await logRows(base.sessionID)).toMatchObject([{ gateway: 'arkesel', outcome: 'menu', service_code: '*662*100#' }]);
    const atSession = sessionId();
    const viaAt = await http('POST', `${svc.url}/v1/ussd/africastalking`, `{"sessionId":"${atSession}","serviceCode":"*662*100#\\ud800","phoneNumber":"${AGENT_PHONE}","text":""}`, { 'content-type': 'application/json' });
    expect(viaAt.text).toBe(`CON ${EN.home({})}`);
    expect(await logRows(atSession)).toMatchObject([{ gateway: 'africastalking', outcome: 'menu', service_code: '*662*100#' }]);
  });

  it('Arkesel: the same input again within USSD_REPEAT_WINDOW_MS (2 s) is the gateway\'s copy: same screen, nothing done; later it is an answer', async () => {
    const base = { sessionID: `ark-copy-${Date.now()}`, userID: 'LIMYE01', msisdn: AGENT_PHONE.slice(1), network: 'MTN' };
    expect((await arkesel({ ...base, newSession: true, userData: '*928#' })).body.message).toBe(EN.home({}));
    expect((await arkesel({ ...base, newSession: false, userData: '1' })).body.message).toBe(EN.enter_id({}));
    const copies = await Promise.all([1, 2].map(() => arkesel({ ...base, newSession: false, userData: '1' })));
    expect(copies.map((c) => c.body.message)).toEqual([EN.enter_id({}), EN.enter_id({})]);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const typed = await arkesel({ ...base, newSession: false, userData: '1' });
    expect(typed.body.message.split('\n')[0]).toBe('An ID has 16 digits, you typed 1.');
    expect((await logRows(base.sessionID)).map((x: { outcome: string }) => x.outcome)).toEqual(['menu', 'menu', 'replay', 'replay', 'invalid_input']);
  });

  it("answers Africa's Talking's end-of-session notification: session dropped, end logged", async () => {
    const s = sessionId();
    await at(s, '');
    const res = await http(
      'POST',
      `${svc.url}/v1/ussd/africastalking/events`,
      new URLSearchParams({
        sessionId: s,
        serviceCode: '*384*1#',
        networkCode: '63510',
        phoneNumber: AGENT_PHONE,
        status: 'Incomplete',
        cost: 'RWF 0.0000',
        date: '2026-11-22 12:00:00',
        input: `2*${PIN}`,
        hopsCount: '2',
        errorMessage: '',
        lastAppResponse: 'CON Enter your agent PIN:',
        durationInMillis: '41234',
      }),
    );
    expect(res.status).toBe(200);
    expect(await ds.query(`SELECT 1 FROM ussd_sessions WHERE session_key = $1`, [`africastalking:${s}`])).toEqual([]);
    const rows = await logRows(s);
    expect(rows[1]).toMatchObject({ screen: 'session_end', outcome: 'ended_incomplete', language: 'en', input_masked: null });
    expect((await http('POST', `${svc.url}/v1/ussd/africastalking/events`, { status: 'Failed', errorMessage: 'x' })).status).toBe(200);
  });

  it('counts hops in /metrics', async () => {
    const metrics = (await http('GET', `${svc.url}/metrics`)).text;
    expect(metrics).toMatch(/limye_ussd_hops_total\{[^}]*gateway="africastalking"[^}]*outcome="sale_registered"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/limye_ussd_hop_duration_seconds_count\{[^}]*gateway="arkesel"[^}]*\} [1-9]/);
  });
});
