import { Logger } from '@nestjs/common';
import { RwandaLocations } from '../locations/rwanda-locations';
import { EligibilityEnv } from '../config/eligibility.env';
import { UssdFlow } from './flow/ussd-flow';
import { africasTalkingGateway } from './gateways/africastalking.gateway';
import { arkeselGateway } from './gateways/arkesel.gateway';
import { UssdHop, WireRequest } from './gateways/ussd-gateway';
import { CATALOGUES } from './messages/render';
import { InMemoryRbfProgramme } from './testing/in-memory-rbf-programme';
import { InMemoryUssdSessions } from './testing/in-memory-ussd-sessions';
import { parseBody } from './ussd-body.reader';
import { UssdHopService } from './ussd-hop.service';
import { UssdSessionRepository } from './ussd-session.repository';

const AGENT = '+250788000001';
const PIN = '4821';
const NID = '1198780012345012';
/** What the confirmation screen asks to type: the ID's last 4 digits. */
const CONFIRM_CODE = NID.slice(-4);
const EN = CATALOGUES.en.screens;

function setup() {
  const programme = new InMemoryRbfProgramme(() => new Date());
  programme.households.set(NID, { kind: 'eligible', householdId: 'HH-1', category: '1', tier: 1, incentivePercent: 90, memberCount: 3, isHouseholdHead: true });
  programme.addAgent(AGENT, { id: 'agent-1', name: 'Jean', companies: [{ id: 'co-1', code: 'SOL', name: 'SolarCo' }] }, PIN);
  programme.products.set('co-1', [{ id: 'p-1', code: 'SHS', name: 'Solar Kit', priceRwf: 100_000, incentiveCapRwf: 90_000 }]);
  const sessions = new InMemoryUssdSessions();
  const locations = new RwandaLocations({ provinces: [{ name: 'P', districts: [{ name: 'D', sectors: [{ name: 'S', cells: [{ name: 'C', villages: ['V'] }] }] }] }] });
  const env = Object.assign(new EligibilityEnv(), { USSD_SESSION_TTL_S: 180 });
  const service = new UssdHopService(sessions as unknown as UssdSessionRepository, new UssdFlow(programme, locations), env, programme);
  const at = (sessionId: string, text: string, phone = AGENT) => service.process({ gateway: 'africastalking', sessionId, phone, serviceCode: '*384#', networkCode: '63510', input: text === '' ? { kind: 'start' } : { kind: 'path', segments: text.split('*') } });
  return { programme, sessions, service, at };
}

function form(raw: string): WireRequest {
  return { ...parseBody(raw, 'application/x-www-form-urlencoded'), rawBody: raw, contentType: 'application/x-www-form-urlencoded' };
}

describe('UssdHopService (sessions, replays, races; in-memory store)', () => {
  it("feeds the menus only the new segment of Africa's Talking's path", async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    expect((await at('s1', '')).reply).toEqual({ text: EN.home({}), end: false });
    expect((await at('s1', '1')).reply.text).toBe(EN.enter_id({}));
    const r = await at('s1', `1*${NID}`);
    expect(r).toMatchObject({ outcome: 'eligible', reply: { end: false } });
    expect(programme.count('checkEligibility')).toBe(1);
    expect(sessions.rows.get('africastalking:s1')?.inputCount).toBe(2);
  });

  it('answers a replayed hop with the same screen and processes nothing', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s1', '');
    await at('s1', '1');
    const first = await at('s1', `1*${NID}`);
    const again = await at('s1', `1*${NID}`);
    const older = await at('s1', '1');
    expect(again).toEqual({ reply: first.reply, outcome: 'replay' });
    expect(older).toEqual({ reply: first.reply, outcome: 'replay' });
    expect(programme.count('checkEligibility')).toBe(1);
    expect(sessions.logs.map((l) => l.outcome)).toEqual(['menu', 'menu', 'eligible', 'replay', 'replay']);
    // A repeated first hop is a replay too.
    expect((await at('s1', '')).outcome).toBe('replay');
  });

  it('refuses a hop from another phone on a live session: END, nothing read or changed, logged', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s1', '');
    await at('s1', `2*${PIN}`); // the agent is past the PIN
    const before = sessions.rows.get('africastalking:s1')!;
    const snapshot = { ...before };
    const other = await at('s1', `2*${PIN}*${NID}`, '+250788999777');
    // That phone never chose a language: the screen is in both.
    expect(other).toMatchObject({ reply: { end: true }, outcome: 'phone_mismatch' });
    expect(other.reply.text).toContain(EN.session_expired({}));
    expect(sessions.rows.get('africastalking:s1')).toEqual(snapshot);
    expect(programme.count('checkEligibility')).toBe(0);
    expect(sessions.logs.at(-1)).toMatchObject({ phone: '+250788999777', outcome: 'phone_mismatch', inputMasked: null });
  });

  it('a later session reusing an ended session id is a new session with its own sale key', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    const toConfirm = `2*${PIN}*${NID}*1*1*1*1*1*1`;
    await at('s1', '');
    await at('s1', toConfirm);
    const first = await at('s1', `${toConfirm}*${CONFIRM_CODE}`);
    expect(first).toMatchObject({ outcome: 'sale_registered', reply: { end: true } });
    sessions.now += 1000;
    // The same id dialled again: a new session (home screen), not the stored END.
    expect((await at('s1', '')).reply).toEqual({ text: EN.home({}), end: false });
    await at('s1', toConfirm);
    await at('s1', `${toConfirm}*${CONFIRM_CODE}`);
    const keys = programme.calls.filter((c) => c.method === 'registerSale').map((c) => (c.args[0] as { sessionKey: string }).sessionKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.every((k) => k.startsWith('africastalking:s1@'))).toBe(true);
  });

  it('handles several new segments of one hop in order, logging them masked', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s1', '');
    const r = await at('s1', `2*${PIN}*${NID}`);
    expect(r.reply.text.split('\n')[0]).toBe('Choose the product:');
    expect(programme.count('verifyPin')).toBe(1);
    expect(sessions.logs[1]).toMatchObject({ inputMasked: '2 | **** | ************5012', nationalIdMasked: '************5012', outcome: 'eligible' });
  });

  it('answers input for an unknown or expired session with "expired", in the phone\'s language', async () => {
    const { at, sessions } = setup();
    expect((await at('nope', '1', '+250788777777')).reply).toEqual({ text: `${EN.session_expired({})}\n${CATALOGUES.rw.screens.session_expired({})}`, end: true });
    sessions.languages.set(AGENT, 'rw');
    expect((await at('nope', '1')).reply).toEqual({ text: CATALOGUES.rw.screens.session_expired({}), end: true });
    await at('s2', '');
    sessions.now += 181_000;
    const r = await at('s2', '1');
    expect(r.outcome).toBe('session_expired');
    expect(sessions.logs.at(-1)).toMatchObject({ outcome: 'session_expired', screen: 'session_expired', inputMasked: null });
    // The same session id dialled anew after expiry starts afresh.
    expect((await at('s2', '')).outcome).toBe('menu');
  });

  it('answers a hop on an ended session with the final screen again', async () => {
    const { at, sessions } = setup();
    sessions.languages.set('+250788777777', 'en');
    await at('s3', '', '+250788777777');
    const end = await at('s3', '2', '+250788777777');
    expect(end).toMatchObject({ outcome: 'not_agent', reply: { end: true } });
    expect(await at('s3', '2*1', '+250788777777')).toEqual({ reply: end.reply, outcome: 'replay' });
  });

  it('remembers the language chosen for the phone', async () => {
    const { at, sessions } = setup();
    expect((await at('s4', '')).reply.text).toContain('Hitamo ururimi');
    await at('s4', '2');
    expect(sessions.languages.get(AGENT)).toBe('rw');
    expect((await at('s5', '')).reply.text).toBe(CATALOGUES.rw.screens.home({}));
  });

  it('lets only one of two simultaneous copies of a hop act; both get its screen', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s6', '');
    await at('s6', '2');
    const [a, b] = await Promise.all([at('s6', '2*0000'), at('s6', '2*0000')]);
    expect(programme.count('verifyPin')).toBe(1);
    expect(a.reply).toEqual(b.reply);
    expect(a.reply.text.split('\n')[0]).toBe('Wrong PIN, 4 tries left.');
    expect([a.outcome, b.outcome].sort()).toEqual(['pin_wrong', 'replay']);

    // Without effects, the loser of the final write answers the winner's screen too.
    const [c, d] = await Promise.all([at('s6', '2*0000*abc'), at('s6', '2*0000*abc')]);
    expect(c.reply).toEqual(d.reply);
    expect([c.outcome, d.outcome].sort()).toEqual(['invalid_input', 'replay']);
    expect(sessions.rows.get('africastalking:s6')?.inputCount).toBe(3);
  });

  it('makes a hop that arrives while another request of the session is acting wait for, and answer, its screen', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s8', '');
    await at('s8', '2');
    const key = 'africastalking:s8';
    // Another request claimed the session for its PIN attempt and is still at it.
    expect(await sessions.claim(key, sessions.rows.get(key)!.version)).toBe(true);
    const pending = at('s8', '2*0000');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(programme.count('verifyPin')).toBe(0);
    const row = sessions.rows.get(key)!;
    row.lastReply = 'Wrong PIN, 4 tries left.\nEnter your agent PIN:\n0 Back 00 Home';
    row.inputCount = 2;
    expect(await pending).toEqual({ reply: { text: row.lastReply, end: false }, outcome: 'replay' });
    expect(programme.count('verifyPin')).toBe(0);
  });

  it('a hop whose request died after registering the sale (killed before saving the session) is run again by its retry: same sale, same reference', async () => {
    const { at, sessions, programme, service } = setup();
    sessions.languages.set(AGENT, 'en');
    service.winnerWaitMs = 50;
    const path = `2*${PIN}*${NID}*1*1*1*1*1*1`;
    await at('s7', '');
    for (let i = 1; i <= path.split('*').length; i++) await at('s7', path.split('*').slice(0, i).join('*'));
    expect(sessions.rows.get('africastalking:s7')?.lastReply).toContain(`Type ${CONFIRM_CODE} to confirm`);
    // The process dies between the sale's commit and the session's save.
    const save = sessions.save.bind(sessions);
    sessions.save = async () => {
      throw new Error('killed');
    };
    await expect(at('s7', `${path}*${CONFIRM_CODE}`)).rejects.toThrow('killed');
    sessions.save = save;
    expect(programme.sales).toHaveLength(1);
    expect(sessions.rows.get('africastalking:s7')?.lastReply).toBeNull();
    // The gateway retries: two copies at once; after the wait one runs the hop again, both answer its screen.
    const [a, b] = await Promise.all([at('s7', `${path}*${CONFIRM_CODE}`), at('s7', `${path}*${CONFIRM_CODE}`)]);
    expect(a).toMatchObject({ outcome: 'sale_registered', reply: { end: true } });
    expect(a.reply.text.startsWith(`Sale registered. Ref ${programme.sales[0].reference}.`)).toBe(true);
    expect(b.reply).toEqual(a.reply);
    expect(programme.sales).toHaveLength(1);
    expect(programme.count('registerSale')).toBe(2);
  });

  it("drives Arkesel's latest-input-only hops through the same engine", async () => {
    const { service, sessions } = setup();
    sessions.languages.set(AGENT, 'en');
    const hop = (over: Partial<UssdHop>): UssdHop => ({ gateway: 'arkesel', sessionId: 'ark1', phone: AGENT, serviceCode: null, networkCode: 'MTN', input: { kind: 'start' }, ...over });
    expect((await service.process(hop({ serviceCode: '*928#' }))).reply.text).toBe(EN.home({}));
    expect((await service.process(hop({}))).outcome).toBe('replay');
    expect((await service.process(hop({ input: { kind: 'input', value: '1' } }))).reply.text).toBe(EN.enter_id({}));
    expect(sessions.logs.at(-1)?.serviceCode).toBe('*928#');
  });

  describe('a latest-input-only gateway sending a hop twice (Arkesel has no hop number)', () => {
    function arkesel() {
      const w = setup();
      w.sessions.languages.set(AGENT, 'en');
      const send = (value: string | null, opts: { afterMs?: number } = {}) => {
        w.sessions.now += opts.afterMs ?? 5000; // a person reads the screen and types: seconds
        return w.service.process({ gateway: 'arkesel', sessionId: 'ark-copy', phone: AGENT, serviceCode: '*928#', networkCode: 'MTN', input: value === null ? { kind: 'start' } : { kind: 'input', value } });
      };
      return { ...w, send };
    }

    it('a copy of the village choice is answered with the same screen (and could not confirm anyway: that takes the ID\'s last 4)', async () => {
      const { send, programme, sessions } = arkesel();
      await send(null);
      for (const input of ['2', PIN, NID, '1', '1', '1', '1', '1']) await send(input);
      const village = await send('1');
      expect(village.reply.text).toContain(`Type ${CONFIRM_CODE} to confirm`);
      const copy = await send('1', { afterMs: 300 });
      expect(copy).toEqual({ reply: village.reply, outcome: 'replay' });
      expect(programme.count('registerSale')).toBe(0);
      // A copy arriving after the window is taken as an answer: not the code, so nothing is registered.
      expect((await send('1', { afterMs: 3000 })).outcome).toBe('invalid_input');
      expect(programme.count('registerSale')).toBe(0);
      // The agent, having read the screen, confirms.
      expect((await send(CONFIRM_CODE)).outcome).toBe('sale_registered');
      expect(programme.count('registerSale')).toBe(1);
      expect(sessions.logs.map((l) => l.outcome).slice(-4)).toEqual(['menu', 'replay', 'invalid_input', 'sale_registered']);
    });

    it("Africa's Talking: the code typed ahead in the same hop as the village does not confirm (the price was never shown)", async () => {
      const { at, sessions, programme } = setup();
      sessions.languages.set(AGENT, 'en');
      const toVillage = `2*${PIN}*${NID}*1*1*1*1*1`;
      await at('s6', '');
      await at('s6', toVillage);
      const ahead = await at('s6', `${toVillage}*1*${CONFIRM_CODE}`);
      expect(ahead).toMatchObject({ outcome: 'menu', reply: { end: false } });
      expect(ahead.reply.text).toContain(`Type ${CONFIRM_CODE} to confirm`);
      expect(programme.count('registerSale')).toBe(0);
      expect((await at('s6', `${toVillage}*1*${CONFIRM_CODE}*${CONFIRM_CODE}`)).outcome).toBe('sale_registered');
    });

    it('copies of a wrong PIN count as one attempt; the PIN itself is never kept; the same answer after the window is new', async () => {
      const { send, programme, sessions } = arkesel();
      await send(null);
      await send('2');
      const wrong = await send('0000');
      expect(wrong.reply.text.split('\n')[0]).toBe('Wrong PIN, 4 tries left.');
      for (let i = 0; i < 4; i++) expect(await send('0000', { afterMs: 300 })).toEqual({ reply: wrong.reply, outcome: 'replay' });
      expect(programme.count('verifyPin')).toBe(1);
      const kept = sessions.rows.get('arkesel:ark-copy')?.lastInput as string;
      expect(kept.startsWith('pin:')).toBe(true);
      expect(kept).not.toContain('0000');
      await send(PIN);
      // A copy of the right PIN hop: the same screen again, not a (too short) ID on the next screen.
      expect((await send(PIN, { afterMs: 200 })).outcome).toBe('replay');
      expect(programme.count('verifyPin')).toBe(2);
      await send(NID);
      expect(sessions.rows.get('arkesel:ark-copy')?.lastInput).toBe(NID);
      for (const input of ['1', '1', '1']) await send(input); // product, province, district: each '1', each a person's answer
      expect((await send('1', { afterMs: 2500 })).reply.text.split('\n')[0]).toBe('Choose the cell:');
    });

    it("Africa's Talking is not affected: its path tells a copy from a new answer", async () => {
      const { at, sessions, programme } = setup();
      sessions.languages.set(AGENT, 'en');
      await at('s9', '');
      await at('s9', '2');
      await at('s9', `2*${PIN}`);
      expect(sessions.rows.get('africastalking:s9')?.lastInput).toBeNull();
      expect(programme.count('verifyPin')).toBe(1);
    });
  });

  it('refuses a hop bringing more than 10 new inputs: END, nothing looked up, input not logged', async () => {
    const { at, sessions, programme } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s8', '');
    await at('s8', '1');
    const many = ['1', ...Array.from({ length: 11 }, (_, i) => `1198780012345${String(i).padStart(3, '0')}`)].join('*');
    expect(await at('s8', many)).toEqual({ reply: { text: EN.bad_request({}), end: true }, outcome: 'too_many_inputs' });
    expect(programme.count('checkEligibility')).toBe(0);
    expect(sessions.logs.at(-1)).toMatchObject({ outcome: 'too_many_inputs', inputMasked: null });
  });

  it('answers a bad request with a bilingual END (or in the phone\'s language), logged, never an error', async () => {
    const { service, sessions } = setup();
    const r = await service.handle(africasTalkingGateway, form('text=1'));
    expect(r).toEqual({ text: `${EN.bad_request({})}\n${CATALOGUES.rw.screens.bad_request({})}`, end: true });
    sessions.languages.set(AGENT, 'rw');
    const known = await service.handle(arkeselGateway, { body: { msisdn: '250788000001' }, rawBody: '', contentType: 'application/json', malformed: false });
    expect(known).toEqual({ text: CATALOGUES.rw.screens.bad_request({}), end: true });
    expect(sessions.logs.map((l) => [l.outcome, l.phone])).toEqual([['bad_request', ''], ['bad_request', AGENT]]);
  });

  it('answers with a polite END when the store fails', async () => {
    const { service, sessions } = setup();
    sessions.read = async () => Promise.reject(new Error('database down'));
    const r = await service.handle(africasTalkingGateway, form('sessionId=x&phoneNumber=%2B250788000001&text='));
    expect(r.end).toBe(true);
    expect(r.text).toContain(EN.error({}));
  });

  it('drops the session and logs how it ended on the end-of-session notification', async () => {
    const { at, service, sessions } = setup();
    sessions.languages.set(AGENT, 'en');
    await at('s7', '');
    await service.sessionEnded('africastalking', { sessionId: 's7', phone: AGENT, serviceCode: '*384#', networkCode: '63510', status: 'incomplete', input: '2*4821', errorMessage: null });
    expect(sessions.rows.has('africastalking:s7')).toBe(false);
    expect(sessions.logs.at(-1)).toMatchObject({ screen: 'session_end', outcome: 'ended_incomplete', inputMasked: null, language: 'en' });
  });

  it("masks the digits of a failed session's errorMessage (free text from the gateway) before logging it", async () => {
    const { service } = setup();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const errorMessage = 'Subscriber +250788123456 PIN 1234 NID 1197884914836092 at 0788 123 456';
      await service.sessionEnded('africastalking', { sessionId: 's8', phone: AGENT, serviceCode: '*384#', networkCode: '63510', status: 'failed', input: null, errorMessage });
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toContain('Subscriber +************ PIN **** NID ************6092 at **** *** ***');
      for (const secret of ['250788123456', '1234', '1197884914836092', '123 456']) expect(logged).not.toContain(secret);
    } finally {
      warn.mockRestore();
    }
  });
});
