import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AllocatePaymentReply, ErrorCodes, RecordDeliveryReply, Subjects } from '@limye/contracts';
import { DEFAULT_ORGANISATION_ID, NatsRpcClient, RpcCallError } from '@limye/platform';
import {
  eventually, http, InProcessService, nestedJson, nonJsonBodies, pendingSchemaChanges, requestForOrganisation, startServiceInProcess, testInfra,
} from '@limye/testing';
import { debtLedgerService } from './debt-ledger.service-definition';
import { JournalRepository } from './journal/journal.repository';

describe('debt-ledger service (real Postgres + NATS)', () => {
  let svc: InProcessService;
  let client: NatsRpcClient;
  let ds: DataSource;

  beforeAll(async () => {
    svc = await startServiceInProcess(debtLedgerService);
    ds = svc.app.get(DataSource);
    client = new NatsRpcClient(testInfra().natsUrl, 'test', 3000);
    await client.connect();
  });
  afterAll(async () => {
    await client?.onApplicationShutdown();
    await svc?.close();
  });

  const payment = (over: Record<string, unknown> = {}) => ({
    paymentId: randomUUID(),
    customerId: randomUUID(),
    provider: 'moncash',
    amountMinor: 50_050,
    currency: 'HTG',
    ...over,
  });
  const allocate = (p: object) => requestForOrganisation<AllocatePaymentReply>(client, Subjects.ledgerPaymentAllocate, p);
  const deliver = (d: object) => requestForOrganisation<RecordDeliveryReply>(client, Subjects.ledgerDeliveryRecord, d);
  const rpcError = (call: Promise<unknown>) => call.then(() => undefined, (err: unknown) => err);
  const countRows = async (table: string, paymentId: string): Promise<number> => {
    const sql = table === 'postings'
      ? `SELECT count(*)::int AS n FROM postings p JOIN journal_entries e ON e.id = p.entry_id WHERE e.payment_id = $1`
      : `SELECT count(*)::int AS n FROM journal_entries WHERE payment_id = $1`;
    return (await ds.query(sql, [paymentId]))[0].n;
  };
  const balances = async (customerId: string) => (await http('GET', `${svc.url}/v1/customers/${customerId}/balances`)).body;

  /**
   * Runs `start` while inserts into journal_entries are held back, and lets them go once several
   * requests wait on them: they have all read "not posted yet", so they really race on the unique key.
   */
  async function racingOnJournalInserts<T>(start: () => Promise<T>): Promise<T> {
    const gate = new Client({ connectionString: testInfra().databaseUrl, options: `-c search_path=${svc.schema}` });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE journal_entries IN SHARE MODE');
      const pending = start();
      await eventually(async () => {
        const { rows } = await gate.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'journal_entries'::regclass`);
        return rows[0].n >= 5;
      }, 5000);
      await gate.query('COMMIT');
      return await pending;
    } finally {
      await gate.end();
    }
  }

  it('allocates a payment to energy credit and shows it in the customer balances', async () => {
    const p = payment();
    const reply = await allocate(p);
    expect(reply).toEqual({
      paymentId: p.paymentId, entryId: expect.any(String), currency: 'HTG', debtClearedMinor: 0, energyCreditMinor: 50_050, replayed: false,
    });
    expect(await balances(p.customerId)).toEqual({
      customerId: p.customerId,
      balances: [{ currency: 'HTG', energyCreditMinor: 50_050, energyDeliveredMinor: 0, totalPaidMinor: 50_050 }],
    });
    const rows = await ds.query(
      `SELECT a.code, p.amount_minor FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = $1 ORDER BY a.code`,
      [reply.entryId],
    );
    expect(rows).toEqual([
      { code: `customer:${p.customerId}:energy_credit:HTG`, amount_minor: '-50050' },
      { code: 'provider_clearing:moncash:HTG', amount_minor: '50050' },
    ]);
  });

  it('posts one entry for 20 identical concurrent allocations, all answering with its id', async () => {
    const p = payment({ amountMinor: 1500, currency: 'RWF', provider: 'mtn-momo' });
    const replies = await racingOnJournalInserts(() => Promise.all(Array.from({ length: 20 }, () => allocate(p))));
    expect(new Set(replies.map((r) => r.entryId)).size).toBe(1);
    expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
    expect(replies.every((r) => r.energyCreditMinor === 1500 && r.currency === 'RWF')).toBe(true);
    expect(await countRows('journal_entries', p.paymentId)).toBe(1);
    expect(await countRows('postings', p.paymentId)).toBe(2);
  });

  it('posts different payments of one new customer at once, creating their shared new accounts once', async () => {
    const customerId = randomUUID();
    const provider = `race-${randomUUID().slice(0, 8)}`;
    const payments = Array.from({ length: 8 }, (_, i) => payment({ customerId, provider, amountMinor: 100 + i, currency: 'XOF' }));
    const replies = await racingOnJournalInserts(() => Promise.all(payments.map((p) => allocate(p))));
    expect(replies.every((r) => !r.replayed)).toBe(true);
    expect(new Set(replies.map((r) => r.entryId)).size).toBe(payments.length);
    const accounts = await ds.query(`SELECT code FROM accounts WHERE customer_id = $1 OR code = $2 ORDER BY code`, [customerId, `provider_clearing:${provider}:XOF`]);
    expect(accounts).toEqual([{ code: `customer:${customerId}:energy_credit:XOF` }, { code: `provider_clearing:${provider}:XOF` }]);
    const total = payments.reduce((sum, p) => sum + (p.amountMinor as number), 0);
    expect((await balances(customerId)).balances).toEqual([{ currency: 'XOF', energyCreditMinor: total, energyDeliveredMinor: 0, totalPaidMinor: total }]);

    // Their deliveries, also at once, share the customer's new energy_delivered account.
    const delivered = await Promise.all(payments.map((p) => deliver({ paymentId: p.paymentId, customerId, amountMinor: p.amountMinor, currency: 'XOF' })));
    expect(delivered.every((r) => !r.replayed)).toBe(true);
    expect((await balances(customerId)).balances).toEqual([{ currency: 'XOF', energyCreditMinor: 0, energyDeliveredMinor: total, totalPaidMinor: total }]);
  });

  it('answers a replay with the same entry and posts nothing', async () => {
    const p = payment();
    const first = await allocate(p);
    const again = await allocate({ ...p, paymentId: p.paymentId.toUpperCase() });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await countRows('postings', p.paymentId)).toBe(2);
  });

  it.each([
    ['amount', { amountMinor: 50_051 }],
    ['currency', { currency: 'USD' }],
    ['customer', { customerId: randomUUID() }],
  ])('rejects a replay with a different %s as an idempotency conflict', async (_what, change) => {
    const p = payment();
    await allocate(p);
    const err = await rpcError(allocate({ ...p, ...change }));
    expect(err).toBeInstanceOf(RpcCallError);
    expect((err as RpcCallError).code).toBe(ErrorCodes.ledgerConflict);
    expect(await countRows('journal_entries', p.paymentId)).toBe(1);
    // Nothing of the refused request is written, not even the accounts it would have posted to.
    const customers = [p.customerId, (change as { customerId?: string }).customerId ?? p.customerId];
    expect(await ds.query(`SELECT code FROM accounts WHERE customer_id = ANY($1::uuid[])`, [customers])).toEqual([
      { code: `customer:${p.customerId}:energy_credit:HTG` },
    ]);
  });

  it('records a delivery: credit moves to delivered, and a replay posts nothing', async () => {
    const p = payment();
    await allocate(p);
    const d = { paymentId: p.paymentId, customerId: p.customerId, amountMinor: 50_050, currency: 'HTG', vendorRef: 'SM-123' };
    const first = await deliver(d);
    expect(first).toEqual({ paymentId: p.paymentId, entryId: expect.any(String), replayed: false });
    expect((await balances(p.customerId)).balances).toEqual([
      { currency: 'HTG', energyCreditMinor: 0, energyDeliveredMinor: 50_050, totalPaidMinor: 50_050 },
    ]);
    expect(await deliver(d)).toEqual({ ...first, replayed: true });
    expect(await countRows('journal_entries', p.paymentId)).toBe(2);
    expect(await countRows('postings', p.paymentId)).toBe(4);

    const conflict = await rpcError(deliver({ ...d, amountMinor: 100 }));
    expect((conflict as RpcCallError).code).toBe(ErrorCodes.ledgerConflict);
  });

  it('records a new delivery in one statement, without reading the journal first; a replay and a refusal read it', async () => {
    const repo = svc.app.get(JournalRepository);
    const reads = jest.spyOn(repo, 'findEntriesByKeys');
    try {
      const p = payment();
      await allocate(p);
      reads.mockClear();
      const d = { paymentId: p.paymentId, customerId: p.customerId, amountMinor: 20_000, currency: 'HTG' };
      expect((await deliver(d)).replayed).toBe(false);
      expect(reads).not.toHaveBeenCalled();
      expect((await balances(p.customerId)).balances).toEqual([
        { currency: 'HTG', energyCreditMinor: 30_050, energyDeliveredMinor: 20_000, totalPaidMinor: 50_050 },
      ]);
      expect((await deliver(d)).replayed).toBe(true);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(((await rpcError(deliver({ ...d, paymentId: randomUUID() }))) as RpcCallError).code).toBe(ErrorCodes.ledgerNotAllocated);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('records 10 identical concurrent deliveries once, every one answering with its entry', async () => {
    const p = payment();
    await allocate(p);
    const d = { paymentId: p.paymentId, customerId: p.customerId, amountMinor: 50_050, currency: 'HTG' };
    const replies = await Promise.all(Array.from({ length: 10 }, () => deliver(d)));
    expect(new Set(replies.map((r) => r.entryId)).size).toBe(1);
    expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countRows('journal_entries', p.paymentId)).toBe(2);
  });

  it('refuses a delivery without an allocation, or beyond it, and writes nothing', async () => {
    const p = payment();
    const d = { paymentId: p.paymentId, customerId: p.customerId, amountMinor: 100, currency: 'HTG' };
    expect(((await rpcError(deliver(d))) as RpcCallError).code).toBe(ErrorCodes.ledgerNotAllocated);
    await allocate(p);
    for (const bad of [{ amountMinor: 50_051 }, { customerId: randomUUID() }, { currency: 'USD' }]) {
      expect(((await rpcError(deliver({ ...d, ...bad }))) as RpcCallError).code).toBe(ErrorCodes.ledgerNotAllocated);
    }
    expect(await countRows('journal_entries', p.paymentId)).toBe(1);
  });

  it.each([
    ['amountMinor 0', { amountMinor: 0 }],
    ['amountMinor 1.5', { amountMinor: 1.5 }],
    ['amountMinor "100"', { amountMinor: '100' }],
    ['amountMinor beyond 2^53', { amountMinor: 2 ** 60 }],
    ['a lower-case currency', { currency: 'htg' }],
    ['a 4-letter currency', { currency: 'HTGX' }],
    ['a provider that is no id', { provider: 'Mon:Cash' }],
    ['a customerId that is no uuid', { customerId: 'cust-1' }],
    ['an unknown field', { note: 'hi' }],
  ])('rejects an allocation with %s as VALIDATION_FAILED and writes nothing', async (_what, change) => {
    const p = payment(change);
    const before = (await ds.query(`SELECT count(*)::int AS n FROM journal_entries`))[0].n;
    const err = await rpcError(allocate(p));
    expect(err).toBeInstanceOf(RpcCallError);
    expect((err as RpcCallError).code).toBe(ErrorCodes.validationFailed);
    expect((await ds.query(`SELECT count(*)::int AS n FROM journal_entries`))[0].n).toBe(before);
  });

  it('rejects a delivery with a non-uuid payment id as VALIDATION_FAILED', async () => {
    const err = await rpcError(deliver({ paymentId: 'p-1', customerId: randomUUID(), amountMinor: 100, currency: 'HTG' }));
    expect((err as RpcCallError).code).toBe(ErrorCodes.validationFailed);
  });

  it('lists the journal entries of a payment with their postings', async () => {
    const p = payment({ amountMinor: 700, currency: 'KES', provider: 'mpesa' });
    const allocation = await allocate(p);
    const delivery = await deliver({ paymentId: p.paymentId, customerId: p.customerId, amountMinor: 700, currency: 'KES' });
    const res = await http('GET', `${svc.url}/v1/payments/${p.paymentId}/entries`);
    expect(res.status).toBe(200);
    expect(res.body.paymentId).toBe(p.paymentId);
    expect(res.body.entries.map((e: { id: string; kind: string; idempotencyKey: string }) => [e.id, e.kind, e.idempotencyKey])).toEqual([
      [allocation.entryId, 'payment_allocation', `allocation:${p.paymentId}`],
      [delivery.entryId, 'energy_delivery', `delivery:${p.paymentId}`],
    ]);
    expect(res.body.entries[1].postings).toEqual([
      { accountCode: `customer:${p.customerId}:energy_credit:KES`, accountKind: 'energy_credit', amountMinor: 700, currency: 'KES' },
      { accountCode: `customer:${p.customerId}:energy_delivered:KES`, accountKind: 'energy_delivered', amountMinor: -700, currency: 'KES' },
    ]);
    expect((await http('GET', `${svc.url}/v1/payments/${randomUUID()}/entries`)).body.entries).toEqual([]);
    expect((await http('GET', `${svc.url}/v1/payments/nope/entries`)).status).toBe(400);
  });

  it('answers balances: 400 for a non-uuid id, an empty list for an unknown customer', async () => {
    const bad = await http('GET', `${svc.url}/v1/customers/not-a-uuid/balances`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(ErrorCodes.validationFailed);
    const id = randomUUID();
    const unknown = await http('GET', `${svc.url}/v1/customers/${id}/balances`);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ customerId: id, balances: [] });
  });

  it('keeps postings and journal entries immutable', async () => {
    await allocate(payment());
    await expect(ds.query(`UPDATE postings SET amount_minor = amount_minor + 1`)).rejects.toThrow(/immutable: UPDATE on postings/);
    await expect(ds.query(`DELETE FROM postings`)).rejects.toThrow(/immutable: DELETE on postings/);
    await expect(ds.query(`UPDATE journal_entries SET description = 'edited'`)).rejects.toThrow(/immutable: UPDATE on journal_entries/);
    await expect(ds.query(`TRUNCATE journal_entries CASCADE`)).rejects.toThrow(/immutable/);
  });

  it('refuses to commit an unbalanced entry written behind the service\'s back', async () => {
    await allocate(payment());
    const [account] = await ds.query(`SELECT id FROM accounts WHERE currency = 'HTG' LIMIT 1`);
    const paymentId = randomUUID();
    const write = ds.transaction(async (em) => {
      const [entry] = await em.query(
        `INSERT INTO journal_entries (organisation_id, idempotency_key, kind, payment_id, description, request_hash)
         VALUES ($3, $1, 'payment_allocation', $2, 'forged', 'x') RETURNING id`,
        [`allocation:${paymentId}`, paymentId, DEFAULT_ORGANISATION_ID],
      );
      await em.query(`INSERT INTO postings (entry_id, account_id, amount_minor, currency) VALUES ($1, $2, 100, 'HTG'), ($1, $2, -99, 'HTG')`, [entry.id, account.id]);
    });
    await expect(write).rejects.toThrow(/does not balance/);
    expect(await countRows('journal_entries', paymentId)).toBe(0);
  });

  it('checks every posting that its transaction has not checked with its entry: one added to an old entry, one added after an immediate check', async () => {
    const p = payment();
    await allocate(p);
    const [old] = await ds.query(`SELECT e.id, p.account_id FROM journal_entries e JOIN postings p ON p.entry_id = e.id WHERE e.payment_id = $1 LIMIT 1`, [p.paymentId]);
    // A later posting for an entry committed earlier: checked by its own trigger.
    await expect(ds.query(`INSERT INTO postings (entry_id, account_id, amount_minor, currency) VALUES ($1, $2, 7, 'HTG')`, [old.id, old.account_id])).rejects.toThrow(/does not balance/);

    // The entry checked at the end of its statement (IMMEDIATE), then one more posting in the same transaction.
    const [account] = await ds.query(`SELECT id FROM accounts WHERE organisation_id = $1 AND currency = 'HTG' LIMIT 1`, [DEFAULT_ORGANISATION_ID]);
    const paymentId = randomUUID();
    const write = ds.transaction(async (em) => {
      await em.query('SET CONSTRAINTS ALL IMMEDIATE');
      await em.query(
        `WITH e AS (INSERT INTO journal_entries (organisation_id, idempotency_key, kind, payment_id, description, request_hash)
                    VALUES ($4, $1, 'payment_allocation', $2, 'balanced at first', 'x') RETURNING id)
         INSERT INTO postings (entry_id, account_id, amount_minor, currency) SELECT e.id, $3, v, 'HTG' FROM e, unnest(ARRAY[100, -100]) AS v`,
        [`allocation:${paymentId}`, paymentId, account.id, DEFAULT_ORGANISATION_ID],
      );
      const [entry] = await em.query(`SELECT id FROM journal_entries WHERE payment_id = $1`, [paymentId]);
      await em.query(`INSERT INTO postings (entry_id, account_id, amount_minor, currency) VALUES ($1, $2, 5, 'HTG')`, [entry.id, account.id]);
    });
    await expect(write).rejects.toThrow(/does not balance/);
    expect(await countRows('journal_entries', paymentId)).toBe(0);
  });

  it('checks that the ledger balances, overall and per entry', async () => {
    await allocate(payment({ currency: 'UGX', amountMinor: 20_000, provider: 'airtel' }));
    const res = await http('GET', `${svc.url}/v1/ledger/check`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ balanced: true, totalsByCurrency: expect.arrayContaining([{ currency: 'UGX', sum: 0 }]), unbalancedEntries: [] });
    expect(res.body.totalsByCurrency.every((t: { sum: number }) => t.sum === 0)).toBe(true);
  });

  it('answers a body nested 2,000 or 5,000 levels deep with 400 JSON_TOO_DEEP and one of another type with 415, before routing', async () => {
    // The ledger's HTTP API is read-only: the platform's checks still come first, whatever the path.
    for (const depth of [2_000, 5_000]) {
      const res = await http('POST', `${svc.url}/v1/ledger/check`, nestedJson(depth));
      expect({ depth, status: res.status, body: res.body }).toEqual({ depth, status: 400, body: { statusCode: 400, code: 'JSON_TOO_DEEP', message: 'body nests deeper than 32 levels' } });
    }
    // 32 levels get through: there is no such POST route.
    expect(await http('POST', `${svc.url}/v1/ledger/check`, nestedJson(32))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    for (const b of nonJsonBodies({ amountMinor: '1' })) {
      expect({ type: b.type, status: (await http('POST', `${svc.url}/v1/ledger/check`, b.body, b.headers)).status }).toEqual({ type: b.type, status: 415 });
    }
  });

  it('has migrations that match its entities', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
