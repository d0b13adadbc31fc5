import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { authHeader, http, InProcessService, startServiceInProcess } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { adminClient, programmeTestEnv } from '../programme/testing/programme-test.helpers';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { DailyRequestLogJob } from './daily-request-log.job';
import { dayStartUtc, parseDay, previousDay, reportDay } from './domain/report-days';

const HEADER = 'time,phone (masked),gateway,session,service code,network,language,input,screen,outcome,national ID (masked),duration ms';
const FULL_HEADER = HEADER.replace('phone (masked)', 'phone');
const PII_KEY = 'test-pii-key-0123456789';

/** The agent's real number (+250788123456), in every way it could be written. None may be in a masked CSV. */
const REAL_PHONE_FORMS = ['+250788123456', '250788123456', '0788123456', '0788 123 456', '788123456', '788 123 456', '788-123-456'];
const OTHER_REAL_PHONE = '+254712345678';
/** Another organisation (programme), whose request-log rows the default one's reports must never show. */
const ORG_B = '00000000-0000-4000-8000-0000000000b3';

/** No PII key: a programme user's token only. */
const NO_KEY = '';
/** The request log as a programme user, with the PII key as X-API-Key beside the token when `key` is one. */
const csvAs = async (baseUrl: string, key: string, query: string) =>
  http('GET', `${baseUrl}/v1/reports/ussd-requests.csv${query}`, undefined, { ...(await authHeader({ role: 'programme', subject: 'staff-1' })), ...(key ? { 'x-api-key': key } : {}) });

describe('request-log CSV (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  const exportRoot = mkdtempSync(join(tmpdir(), 'limye-reports-'));
  const exportDir = join(exportRoot, 'daily', 'nested'); // does not exist yet: the job creates it
  let svc: InProcessService;
  let ds: DataSource;
  let admin: ReturnType<typeof adminClient>;

  // Days relative to today, so retention (365 days) never eats the fixtures whenever this runs.
  const day = reportDay(new Date(Date.now() - 10 * 86400_000), 'Africa/Kigali');
  const nextDay = reportDay(new Date(dayStartUtc(parseDay(day) as number, 'Africa/Kigali').getTime() + 36 * 3600_000), 'Africa/Kigali');
  const dayBefore = previousDay(day);
  const start = dayStartUtc(parseDay(day) as number, 'Africa/Kigali'); // 00:00 Kigali = 22:00Z the day before
  const at = (msAfterStart: number) => new Date(start.getTime() + msAfterStart);

  async function logRow(receivedAt: Date, over: Record<string, unknown> = {}) {
    const row = {
      organisation_id: DEFAULT_ORGANISATION_ID,
      gateway: 'africastalking',
      session_id: 'ATUid_1',
      phone: '+250788123456',
      service_code: '*384*1#',
      network_code: '63510',
      language: 'en',
      input_masked: '1',
      screen: 'check.result',
      outcome: 'eligible',
      national_id_masked: '************5012',
      duration_ms: 412,
      ...over,
    };
    await ds.query(
      `INSERT INTO ussd_requests (received_at, gateway, session_id, phone, service_code, network_code, language, input_masked, screen, outcome, national_id_masked, duration_ms, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [receivedAt, row.gateway, row.session_id, row.phone, row.service_code, row.network_code, row.language, row.input_masked, row.screen, row.outcome, row.national_id_masked, row.duration_ms, row.organisation_id],
    );
  }

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { REPORTS_EXPORT_DIR: exportDir, ELIGIBILITY_PII_API_KEY: PII_KEY }));
    ds = svc.app.get(DataSource);
    admin = adminClient(svc.url);
    await logRow(new Date(start.getTime() - 1000), { session_id: 'before' }); // 23:59:59 the day before, Kigali
    await logRow(at(0), { session_id: 'first' }); // 00:00:00 Kigali
    await logRow(at(10 * 3600_000 + 5 * 60_000 + 7000), {
      session_id: 'tricky',
      phone: '+254712345678',
      input_masked: '=HYPERLINK("http://x")',
      screen: 'menu,main',
      outcome: '@risk',
      national_id_masked: null,
      duration_ms: null,
      language: null,
    });
    await logRow(at(24 * 3600_000 - 1), { session_id: 'last' }); // 23:59:59.999 Kigali
    await logRow(at(24 * 3600_000), { session_id: 'next-day' });
    // Another organisation's hop that day: in its own reports only.
    await logRow(at(12 * 3600_000), { session_id: 'org-b-row', organisation_id: ORG_B, phone: '+250788777000' });
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
    rmSync(exportRoot, { recursive: true, force: true });
  });

  it('answers 400 naming the parameter for bad ranges', async () => {
    const cases: Array<[string, string | string[]]> = [
      ['', ['from', 'to']],
      [`?to=${day}`, 'from'],
      [`?from=${day}`, 'to'],
      [`?from=2026-02-30&to=2026-03-01`, 'from'],
      [`?from=${day}&to=yesterday`, 'to'],
      [`?from=${nextDay}&to=${day}`, 'to'],
      [`?from=2024-01-01&to=2025-01-01`, 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await admin.get(`/v1/reports/ussd-requests.csv${query}`);
      expect({ query, status: res.status, fields: res.body.fields?.map((f: { field: string }) => f.field) }).toEqual({ query, status: 400, fields: [field].flat() });
    }
  });

  it('downloads one Kigali day as CSV: BOM, CRLF, header, times in Kigali, phones masked, formulas neutralised', async () => {
    const res = await admin.get(`/v1/reports/ussd-requests.csv?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ussd-requests-${day}-to-${day}.csv"`);
    const raw = Buffer.from(await (await fetch(`${svc.url}/v1/reports/ussd-requests.csv?from=${day}&to=${day}`, { headers: await authHeader({ role: 'programme' }) })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines).toEqual([
      HEADER,
      `${day} 00:00:00,07** *** 456,africastalking,first,*384*1#,63510,en,1,check.result,eligible,************5012,412`,
      `${day} 10:05:07,'+254******678,africastalking,tricky,*384*1#,63510,,"'=HYPERLINK(""http://x"")","menu,main",'@risk,,`,
      `${day} 23:59:59,07** *** 456,africastalking,last,*384*1#,63510,en,1,check.result,eligible,************5012,412`,
    ]);
  });

  it('holds no full phone number by default, nor when masked is asked, with the PII key or without; the last 3 digits tell phones apart', async () => {
    for (const [key, query] of [
      [NO_KEY, `?from=${day}&to=${day}`],
      [NO_KEY, `?from=${day}&to=${day}&phones=masked`],
      [PII_KEY, `?from=${day}&to=${day}`],
    ]) {
      const res = await csvAs(svc.url, key, query);
      expect(res.status).toBe(200);
      for (const form of [...REAL_PHONE_FORMS, OTHER_REAL_PHONE, OTHER_REAL_PHONE.slice(1)]) expect({ query, form, found: res.text.includes(form) }).toEqual({ query, form, found: false });
      expect(res.text).toContain(',07** *** 456,');
    }
  });

  it('gives full phone numbers only to a caller with the PII key asking phones=full, and logs who asked (not the numbers)', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    try {
      const res = await csvAs(svc.url, PII_KEY, `?from=${day}&to=${day}&phones=full`);
      expect(res.status).toBe(200);
      const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(FULL_HEADER);
      expect(lines[1]).toBe(`${day} 00:00:00,0788 123 456,africastalking,first,*384*1#,63510,en,1,check.result,eligible,************5012,412`);
      expect(lines[2]).toContain(`,'${OTHER_REAL_PHONE},`);
      const entries = logged.mock.calls.map(([entry]) => entry as Record<string, unknown>);
      expect(entries).toContainEqual({ msg: 'full phone numbers requested: granted', caller: 'user:staff-1', from: day, to: day });
      expect(entries).toContainEqual(expect.objectContaining({ msg: 'request log exported', caller: 'user:staff-1', phones: 'full', rows: 3 }));
      expect(JSON.stringify(entries)).not.toMatch(/788\D?123\D?456|712345678/);
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses full phone numbers without the PII key: 403 naming why, logged', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn');
    try {
      const res = await csvAs(svc.url, NO_KEY, `?from=${day}&to=${day}&phones=full`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(res.body.message).toContain('ELIGIBILITY_PII_API_KEY');
      for (const form of REAL_PHONE_FORMS) expect(res.text).not.toContain(form);
      expect(warned.mock.calls.map(([entry]) => entry)).toContainEqual(expect.objectContaining({ msg: 'full phone numbers requested: refused', caller: 'user:staff-1', from: day, to: day }));
    } finally {
      warned.mockRestore();
    }
  });

  it('names a bad phones value (400)', async () => {
    const res = await csvAs(svc.url, PII_KEY, `?from=${day}&to=${day}&phones=all`);
    expect({ status: res.status, fields: res.body.fields }).toEqual({ status: 400, fields: [{ field: 'phones', problems: ['phones must be masked or full'] }] });
  });

  it('the PII key is no credential: without a token it opens nothing, the request log included (401)', async () => {
    for (const [method, path] of [['GET', `/v1/reports/ussd-requests.csv?from=${day}&to=${day}&phones=full`], ['GET', '/v1/agents'], ['GET', '/v1/sales'], ['POST', '/v1/companies']]) {
      const res = await http(method, `${svc.url}${path}`, method === 'GET' ? undefined : {}, { authorization: '', 'x-api-key': PII_KEY });
      expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 401, code: 'UNAUTHORIZED' });
    }
  });

  it('the request log is for roles that read the programme: a field or finance user is 403, even with the PII key', async () => {
    for (const role of ['field', 'finance']) {
      const res = await http('GET', `${svc.url}/v1/reports/ussd-requests.csv?from=${day}&to=${day}&phones=full`, undefined, { ...(await authHeader({ role })), 'x-api-key': PII_KEY });
      expect({ role, status: res.status, code: res.body?.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      for (const form of REAL_PHONE_FORMS) expect(res.text).not.toContain(form);
    }
  });

  it('covers from..to inclusive', async () => {
    const res = await admin.get(`/v1/reports/ussd-requests.csv?from=${dayBefore}&to=${nextDay}`);
    const sessions = res.text.split('\r\n').slice(1, -1).map((l) => l.split(',')[3]);
    expect(sessions).toEqual(['before', 'first', 'tricky', 'last', 'next-day']);
  });

  it('streams thousands of rows across batches, none lost or repeated', async () => {
    const busyDay = reportDay(new Date(Date.now() - 20 * 86400_000), 'Africa/Kigali');
    const busyStart = dayStartUtc(parseDay(busyDay) as number, 'Africa/Kigali');
    // 2 500 rows, many sharing a timestamp, so the keyset must use the id too.
    await ds.query(
      `INSERT INTO ussd_requests (organisation_id, received_at, gateway, session_id, phone, screen, outcome)
       SELECT $2, $1::timestamptz + ((g / 3) * interval '1 second'), 'arkesel', 'bulk-' || g, '+250788000' || lpad((g % 1000)::text, 3, '0'), 'menu', 'menu'
         FROM generate_series(1, 2500) g`,
      [busyStart, DEFAULT_ORGANISATION_ID],
    );
    const res = await admin.get(`/v1/reports/ussd-requests.csv?from=${busyDay}&to=${busyDay}`);
    const sessions = res.text.split('\r\n').slice(1, -1).map((l) => l.split(',')[3]);
    expect(sessions).toHaveLength(2500);
    expect(new Set(sessions).size).toBe(2500);
  });

  it('writes yesterday\'s file once after 00:05 Kigali, never half a file, and deletes rows past retention', async () => {
    const job = svc.app.get(DailyRequestLogJob);
    const dayAfterStart = dayStartUtc((parseDay(day) as number) + 1, 'Africa/Kigali');
    await expect(job.runOnce(new Date(dayAfterStart.getTime() + 4 * 60_000))).resolves.toMatchObject({ file: null }); // 00:04
    expect(existsSync(join(exportDir, `ussd-requests-${day}.csv`))).toBe(false);

    const { file } = await job.runOnce(new Date(dayAfterStart.getTime() + 6 * 60_000)); // 00:06
    expect(file).toBe(join(exportDir, `ussd-requests-${day}.csv`));
    const content = readFileSync(file as string, 'utf8');
    expect(content.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(content.split('\r\n').slice(1, -1).map((l) => l.split(',')[3])).toEqual(['first', 'tricky', 'last']);
    // The other organisation's file, in its own folder, with its row only.
    const otherFile = join(exportDir, ORG_B, `ussd-requests-${day}.csv`);
    expect(readFileSync(otherFile, 'utf8').split('\r\n').slice(1, -1).map((l) => l.split(',')[3])).toEqual(['org-b-row']);
    // The file leaves the service's access control: phones masked (REPORTS_EXPORT_PHONES defaults to masked).
    for (const form of [...REAL_PHONE_FORMS, OTHER_REAL_PHONE]) expect(content).not.toContain(form);
    expect(content).toContain(',07** *** 456,');
    expect(readdirSync(exportDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Present already: left alone.
    writeFileSync(file as string, 'kept');
    await expect(job.runOnce(new Date(dayAfterStart.getTime() + 3 * 3600_000))).resolves.toMatchObject({ file: null });
    expect(readFileSync(file as string, 'utf8')).toBe('kept');

    await logRow(new Date(Date.now() - 366 * 86400_000), { session_id: 'ancient' });
    await logRow(new Date(Date.now() - 364 * 86400_000), { session_id: 'old-but-kept' });
    const { deleted } = await job.runOnce();
    expect(deleted).toBe(1);
    const left = await ds.query(`SELECT session_id FROM ussd_requests WHERE session_id IN ('ancient', 'old-but-kept')`);
    expect(left).toEqual([{ session_id: 'old-but-kept' }]);
  });

  it('needs a token; a wrong PII key beside one gets no full phone numbers (403)', async () => {
    expect((await http('GET', `${svc.url}/v1/reports/ussd-requests.csv?from=${day}&to=${day}`, undefined, { authorization: '' })).status).toBe(401);
    const wrongKey = await csvAs(svc.url, `${PII_KEY}x`, `?from=${day}&to=${day}&phones=full`);
    expect({ status: wrongKey.status, code: wrongKey.body?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    for (const form of REAL_PHONE_FORMS) expect(wrongKey.text).not.toContain(form);
  });
});

describe('request-log CSV without ELIGIBILITY_PII_API_KEY, daily file with REPORTS_EXPORT_PHONES=full (real Postgres + NATS)', () => {
  let sim: RunningSimulators;
  const exportDir = mkdtempSync(join(tmpdir(), 'limye-reports-full-'));
  let svc: InProcessService;
  const day = reportDay(new Date(Date.now() - 5 * 86400_000), 'Africa/Kigali');
  const start = dayStartUtc(parseDay(day) as number, 'Africa/Kigali');

  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(sim, { REPORTS_EXPORT_DIR: exportDir, REPORTS_EXPORT_PHONES: 'full' }));
    await svc.app.get(DataSource).query(
      `INSERT INTO ussd_requests (organisation_id, received_at, gateway, session_id, phone, screen, outcome) VALUES ($2, $1, 'africastalking', 'one', '+250788123456', 'menu', 'menu')`,
      [new Date(start.getTime() + 3600_000), DEFAULT_ORGANISATION_ID],
    );
  });
  afterAll(async () => {
    await svc?.close();
    await sim?.close();
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('gives nobody full phone numbers over the API: 403 saying the key is not set', async () => {
    const res = await csvAs(svc.url, NO_KEY, `?from=${day}&to=${day}&phones=full`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('ELIGIBILITY_PII_API_KEY is not set') });
    const masked = await csvAs(svc.url, NO_KEY, `?from=${day}&to=${day}`);
    expect(masked.status).toBe(200);
    for (const form of REAL_PHONE_FORMS) expect(masked.text).not.toContain(form);
  });

  it('writes the daily file with full phones when the operator configured it so', async () => {
    const dayAfterStart = dayStartUtc((parseDay(day) as number) + 1, 'Africa/Kigali');
    const { file } = await svc.app.get(DailyRequestLogJob).runOnce(new Date(dayAfterStart.getTime() + 6 * 60_000));
    const content = readFileSync(file as string, 'utf8');
    expect(content.split('\r\n').slice(0, 2)).toEqual([`\uFEFF${FULL_HEADER}`, `${day} 01:00:00,0788 123 456,africastalking,one,,,,,menu,menu,,`]);
  });
});
