import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { AllocatePaymentReply, ErrorCodes, RecordDeliveryReply, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, NatsRpcClient, RpcCallError } from '@limye/platform';
import { http, InProcessService, OTHER_ORGANISATION_ID, requestForOrganisation, startServiceInProcess, testInfra, testToken } from '@limye/testing';
import { debtLedgerService } from './debt-ledger.service-definition';

/** Each organisation has its own books: the same payment and customer ids post apart, and each reads only its own. */
describe('debt-ledger tenancy (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let ds: DataSource;
  let client: NatsRpcClient;
  const A = DEFAULT_ORGANISATION_ID;
  const B = OTHER_ORGANISATION_ID;

  const as = async (org: string) => ({ authorization: `Bearer ${await testToken({ organisationId: org, role: 'owner' })}` });
  const get = async (org: string, path: string) => http('GET', `${svc.url}${path}`, undefined, await as(org));
  const allocate = (org: string, p: object, header: string | null = org) =>
    requestForOrganisation<AllocatePaymentReply>(client, Subjects.ledgerPaymentAllocate, p, org, header);
  const deliver = (org: string, d: object, header: string | null = org) =>
    requestForOrganisation<RecordDeliveryReply>(client, Subjects.ledgerDeliveryRecord, d, org, header);
  const entriesOf = async (paymentId: string) => (await ds.query(`SELECT organisation_id FROM journal_entries WHERE payment_id = $1 ORDER BY organisation_id`, [paymentId])).map((r: { organisation_id: string }) => r.organisation_id);

  beforeAll(async () => {
    svc = await startServiceInProcess(debtLedgerService);
    ds = svc.app.get(DataSource);
    client = new NatsRpcClient(testInfra().natsUrl, 'ledger-tenancy-test', 5000);
    await client.connect();
  });
  afterAll(async () => {
    await client?.onApplicationShutdown();
    await svc?.close();
  });

  it('posts the same payment for the same customer id in two organisations apart, each to its own accounts', async () => {
    const paymentId = randomUUID();
    const customerId = randomUUID();
    const a = await allocate(A, { paymentId, customerId, provider: 'moncash', amountMinor: 1000, currency: 'HTG' });
    const b = await allocate(B, { paymentId, customerId, provider: 'moncash', amountMinor: 7000, currency: 'HTG' });
    expect(a.replayed).toBe(false);
    expect(b.replayed).toBe(false);
    expect(a.entryId).not.toBe(b.entryId);
    expect(await entriesOf(paymentId)).toEqual([A, B].sort());
    const accounts = await ds.query(`SELECT DISTINCT a.organisation_id, e.organisation_id AS entry_organisation FROM postings p JOIN accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id WHERE e.payment_id = $1`, [paymentId]);
    expect(accounts.every((r: { organisation_id: string; entry_organisation: string }) => r.organisation_id === r.entry_organisation)).toBe(true);

    expect((await get(A, `/v1/customers/${customerId}/balances`)).body.balances).toEqual([expect.objectContaining({ currency: 'HTG', energyCreditMinor: 1000 })]);
    expect((await get(B, `/v1/customers/${customerId}/balances`)).body.balances).toEqual([expect.objectContaining({ currency: 'HTG', energyCreditMinor: 7000 })]);
    const entries = await get(A, `/v1/payments/${paymentId}/entries`);
    expect(entries.body.entries.map((e: { id: string }) => e.id)).toEqual([a.entryId]);

    // A delivery in B moves B's credit only.
    await deliver(B, { paymentId, customerId, amountMinor: 7000, currency: 'HTG' });
    expect((await get(A, `/v1/customers/${customerId}/balances`)).body.balances).toEqual([expect.objectContaining({ energyCreditMinor: 1000, energyDeliveredMinor: 0 })]);
    expect((await get(B, `/v1/customers/${customerId}/balances`)).body.balances).toEqual([expect.objectContaining({ energyCreditMinor: 0, energyDeliveredMinor: 7000 })]);
  });

  it("answers another organisation's customer and payment as unknown, and checks each organisation's books", async () => {
    const paymentId = randomUUID();
    const customerId = randomUUID();
    await allocate(B, { paymentId, customerId, provider: 'moncash', amountMinor: 500, currency: 'HTG' });
    expect((await get(A, `/v1/customers/${customerId}/balances`)).body.balances).toEqual([]);
    expect((await get(A, `/v1/payments/${paymentId}/entries`)).body.entries).toEqual([]);
    for (const org of [A, B]) expect((await get(org, '/v1/ledger/check')).body.balanced).toBe(true);
  });

  it("never records a delivery against another organisation's allocation", async () => {
    const paymentId = randomUUID();
    const customerId = randomUUID();
    await allocate(A, { paymentId, customerId, provider: 'moncash', amountMinor: 900, currency: 'HTG' });
    const err = await deliver(B, { paymentId, customerId, amountMinor: 900, currency: 'HTG' }).then(() => undefined, (e: unknown) => e);
    expect((err as RpcCallError).code).toBe(ErrorCodes.ledgerNotAllocated);
    expect(await entriesOf(paymentId)).toEqual([A]);
  });

  it('refuses an allocation or delivery whose header and payload name other organisations, or that has no header, posting nothing', async () => {
    const paymentId = randomUUID();
    const customerId = randomUUID();
    for (const header of [A, null]) {
      const a = await allocate(B, { paymentId, customerId, provider: 'moncash', amountMinor: 100, currency: 'HTG' }, header).then(() => undefined, (e: unknown) => e);
      expect((a as RpcCallError).code).toBe(ErrorCodes.forbidden);
      const d = await deliver(B, { paymentId, customerId, amountMinor: 100, currency: 'HTG' }, header).then(() => undefined, (e: unknown) => e);
      expect((d as RpcCallError).code).toBe(ErrorCodes.forbidden);
    }
    expect(await entriesOf(paymentId)).toEqual([]);
  });
});
