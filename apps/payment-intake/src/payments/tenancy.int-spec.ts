import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANISATION_ID } from '@limye/platform';
import { http, InProcessService, OTHER_ORGANISATION_ID, startServiceInProcess, testToken } from '@limye/testing';
import { paymentIntakeService } from '../payment-intake.service-definition';

/** An operator sees and retries only its own organisation's payments; another's id is a 404. */
describe('payment-intake tenancy (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  const A = DEFAULT_ORGANISATION_ID;
  const B = OTHER_ORGANISATION_ID;

  const as = async (org: string) => ({ authorization: `Bearer ${await testToken({ organisationId: org, role: 'owner' })}` });
  const call = async (org: string, method: string, path: string) => http(method, `${svc.url}${path}`, undefined, await as(org));

  /** An UNMATCHED payment of `org` (nothing runs for it until someone retries it). */
  async function unmatched(org: string, providerRef = `T-${randomUUID()}`): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO payments (id, organisation_id, provider, provider_ref, state, amount_minor, currency, account_number, reason)
       VALUES ($1, $2, 'moncash', $3, 'UNMATCHED', 500, 'HTG', 'SAME-ACC', 'no match')`,
      [id, org, providerRef],
    );
    return id;
  }

  beforeAll(async () => {
    svc = await startServiceInProcess(paymentIntakeService);
    ds = svc.app.get(DataSource);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it("answers another organisation's payment with 404 on read and on retry, and retries nothing", async () => {
    const theirs = await unmatched(B);
    expect((await call(A, 'GET', `/v1/payments/${theirs}`)).status).toBe(404);
    const retry = await call(A, 'POST', `/v1/payments/${theirs}/retry`);
    expect(retry.status).toBe(404);
    expect(retry.body.code).toBe('INTAKE.PAYMENT_NOT_FOUND');
    const [row] = await ds.query(`SELECT state FROM payments WHERE id = $1`, [theirs]);
    expect(row.state).toBe('UNMATCHED');
    expect((await call(B, 'GET', `/v1/payments/${theirs}`)).body).toMatchObject({ id: theirs, state: 'UNMATCHED' });
  });

  it("lists only the caller's payments, whatever the filter", async () => {
    const ref = `T-SHARED-${randomUUID().slice(0, 8)}`;
    const mine = await unmatched(A);
    const theirs = await unmatched(B, ref);
    const listA = await call(A, 'GET', '/v1/payments?status=unmatched&limit=500');
    const idsA = listA.body.items.map((p: { id: string }) => p.id);
    expect(idsA).toContain(mine);
    expect(idsA).not.toContain(theirs);
    expect((await call(A, 'GET', `/v1/payments?provider=moncash&providerRef=${ref}`)).body.items).toEqual([]);
    expect((await call(B, 'GET', `/v1/payments?provider=moncash&providerRef=${ref}`)).body.items.map((p: { id: string }) => p.id)).toEqual([theirs]);
  });

  it("answers another organisation's checkout (by the payment id it reserved) with 404", async () => {
    const reserved = randomUUID();
    await ds.query(
      `INSERT INTO checkouts (order_id, organisation_id, provider, reserved_payment_id, account_number, amount_minor, currency)
       VALUES ($1, $2, 'moncash', $3, 'SAME-ACC', 5000, 'HTG')`,
      [`LT${reserved.slice(0, 8)}`, B, reserved],
    );
    expect((await call(A, 'GET', `/v1/payments/${reserved}`)).status).toBe(404);
    expect((await call(B, 'GET', `/v1/payments/${reserved}`)).body).toMatchObject({ id: reserved, state: 'AWAITING_PAYMENT' });
  });
});
