import { DataSource } from 'typeorm';
import { http, pendingSchemaChanges, startServiceInProcess, InProcessService } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';

describe('eligibility service (real Postgres + NATS)', () => {
  let svc: InProcessService;

  beforeAll(async () => {
    svc = await startServiceInProcess(eligibilityService);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('is live and ready', async () => {
    expect((await http('GET', `${svc.url}/health/live`)).status).toBe(200);
    const ready = await http('GET', `${svc.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.nats.status).toBe('up');
  });

  it('answers the Africa\'s Talking protocol with the welcome menu and logs the hop with the phone masked', async () => {
    const form = new URLSearchParams({ sessionId: 'ATUid_1', serviceCode: '*384*1#', phoneNumber: '+250788123456', networkCode: '63510', text: '' });
    const res = await http('POST', `${svc.url}/v1/ussd/africastalking`, form);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(res.text.startsWith('CON ')).toBe(true);
    expect(res.text).toContain('1. Check eligibility');
    const ds = svc.app.get(DataSource);
    const rows = await ds.query(`SELECT phone_masked, gateway FROM ussd_requests WHERE session_id = 'ATUid_1'`);
    expect(rows).toEqual([{ phone_masked: '+250******456', gateway: 'africastalking' }]);
  });

  it('rejects a request missing fields with a 400 naming them', async () => {
    const res = await http('POST', `${svc.url}/v1/ussd/africastalking`, new URLSearchParams({ text: '' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['sessionId', 'phoneNumber']));
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(svc.app.get(DataSource))).toEqual([]);
  });
});
