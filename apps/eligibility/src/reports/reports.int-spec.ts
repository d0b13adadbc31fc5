import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { http, InProcessService, startServiceInProcess } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { adminClient, programmeTestEnv } from '../programme/testing/programme-test.helpers';
import { FakeNationalSystems } from '../national-systems/testing/fake-national-systems.server';
import { DailyRequestLogJob } from './daily-request-log.job';
import { dayStartUtc, parseDay, previousDay, reportDay } from './domain/report-days';

const HEADER = 'time,phone,gateway,session,service code,network,language,input,screen,outcome,national ID (masked),duration ms';

describe('request-log CSV (real Postgres + NATS)', () => {
  const fake = new FakeNationalSystems();
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
      `INSERT INTO ussd_requests (received_at, gateway, session_id, phone, service_code, network_code, language, input_masked, screen, outcome, national_id_masked, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [receivedAt, row.gateway, row.session_id, row.phone, row.service_code, row.network_code, row.language, row.input_masked, row.screen, row.outcome, row.national_id_masked, row.duration_ms],
    );
  }

  beforeAll(async () => {
    await fake.start();
    svc = await startServiceInProcess(eligibilityService, programmeTestEnv(fake, { REPORTS_EXPORT_DIR: exportDir }));
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
  });
  afterAll(async () => {
    await svc?.close();
    await fake.stop();
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

  it('downloads one Kigali day as CSV: BOM, CRLF, header, times in Kigali, phones as text, formulas neutralised', async () => {
    const res = await admin.get(`/v1/reports/ussd-requests.csv?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ussd-requests-${day}-to-${day}.csv"`);
    const raw = Buffer.from(await (await fetch(`${svc.url}/v1/reports/ussd-requests.csv?from=${day}&to=${day}`, { headers: { 'x-api-key': 'test-admin-key-0123' } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines).toEqual([
      HEADER,
      `${day} 00:00:00,0788 123 456,africastalking,first,*384*1#,63510,en,1,check.result,eligible,************5012,412`,
      `${day} 10:05:07,'+254712345678,africastalking,tricky,*384*1#,63510,,"'=HYPERLINK(""http://x"")","menu,main",'@risk,,`,
      `${day} 23:59:59,0788 123 456,africastalking,last,*384*1#,63510,en,1,check.result,eligible,************5012,412`,
    ]);
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
      `INSERT INTO ussd_requests (received_at, gateway, session_id, phone, screen, outcome)
       SELECT $1::timestamptz + ((g / 3) * interval '1 second'), 'arkesel', 'bulk-' || g, '+250788000' || lpad((g % 1000)::text, 3, '0'), 'menu', 'menu'
         FROM generate_series(1, 2500) g`,
      [busyStart],
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

  it('needs the admin key', async () => {
    expect((await http('GET', `${svc.url}/v1/reports/ussd-requests.csv?from=${day}&to=${day}`)).status).toBe(401);
  });
});
