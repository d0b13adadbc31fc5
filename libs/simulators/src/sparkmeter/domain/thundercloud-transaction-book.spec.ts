import { CustomerBook } from './customer-book';
import { seedCustomers } from './seed-customers';
import { ThundercloudTransactionBook } from './thundercloud-transaction-book';

describe('ThundercloudTransactionBook', () => {
  const t0 = 1_700_000_000_000;
  const setup = () => {
    const customers = new CustomerBook(seedCustomers());
    let n = 0;
    const book = new ThundercloudTransactionBook(customers, () => `tx-${++n}`);
    const customerId = customers.byCode('0101JAC')!.id;
    return { customers, book, customerId, credit: () => customers.byCode('0101JAC')!.creditMinor };
  };

  it('starts pending and credits once when the site settles', () => {
    const { book, customerId, credit } = setup();
    const r = book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'p-1' }, t0, 50, 'processed');
    expect(r.kind).toBe('created');
    expect(book.byId('tx-1', t0 + 49)?.status).toBe('pending');
    expect(credit()).toBe(0);
    expect(book.byId('tx-1', t0 + 50)?.status).toBe('processed');
    expect(credit()).toBe(4_000);
    book.settleDue(t0 + 10_000);
    expect(book.byId('tx-1', t0 + 20_000)?.status).toBe('processed');
    expect(credit()).toBe(4_000);
    expect(book.countFor(customerId, t0 + 20_000)).toBe(1);
  });

  it('answers a repeated external_id with the first transaction and no second credit', () => {
    const { book, customerId, credit } = setup();
    book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'p-1' }, t0, 50, 'processed');
    const again = book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'p-1' }, t0 + 10, 50, 'processed');
    expect(again).toMatchObject({ kind: 'existing', transaction: { id: 'tx-1' } });
    book.settleDue(t0 + 1_000);
    expect(credit()).toBe(4_000);
  });

  it('applies no credit when the outcome is not-processed or error', () => {
    const { book, customerId, credit } = setup();
    book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'a' }, t0, 0, 'not-processed');
    book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'b' }, t0, 0, 'error');
    expect(book.byId('tx-1', t0)?.status).toBe('not-processed');
    expect(book.byId('tx-2', t0)?.status).toBe('error');
    expect(credit()).toBe(0);
  });

  it('knows only ThunderCloud customers', () => {
    const { customers, book } = setup();
    const koiosId = customers.byCode('0252SHG')!.id;
    expect(book.create({ customerId: koiosId, amountMinor: 1, source: 'cash', externalId: null }, t0, 0, 'processed').kind).toBe('unknown-customer');
  });

  it('after a restore: a pending transaction settles once, a repeated external_id is still the first, counts carry over', () => {
    const { customers, book, customerId, credit } = setup();
    book.create({ customerId, amountMinor: 1_000, source: 'cash', externalId: 'done' }, t0, 0, 'processed');
    book.create({ customerId, amountMinor: 2_000, source: 'cash', externalId: 'later' }, t0, 500, 'processed');
    book.settleDue(t0);
    expect(credit()).toBe(1_000);

    const restored = ThundercloudTransactionBook.restored(customers, book.all());
    expect(restored.countFor(customerId, t0 + 10)).toBe(1);
    expect(restored.create({ customerId, amountMinor: 2_000, source: 'cash', externalId: 'later' }, t0 + 10, 0, 'processed')).toMatchObject({
      kind: 'existing',
      transaction: { id: 'tx-2', status: 'pending' },
    });
    expect(restored.byId('tx-2', t0 + 500)?.status).toBe('processed');
    restored.settleDue(t0 + 10_000);
    expect(credit()).toBe(3_000);
    expect(restored.countFor(customerId, t0 + 10_000)).toBe(2);
  });

  it('settles each of many transactions once, whenever the book is read', () => {
    const { book, customerId, credit } = setup();
    // Transaction i settles i ms after t0; every other one is processed.
    for (let i = 0; i < 2_000; i++) book.create({ customerId, amountMinor: 1, source: 'cash', externalId: `p-${i}` }, t0, i, i % 2 === 0 ? 'processed' : 'error');
    expect(book.countFor(customerId, t0 + 999)).toBe(500);
    expect(credit()).toBe(500);
    expect(book.byId('tx-2000', t0 + 1_998)?.status).toBe('pending');
    expect(book.byId('tx-2000', t0 + 1_999)?.status).toBe('error');
    expect(book.countFor(customerId, t0 + 10_000)).toBe(1_000);
    expect(credit()).toBe(1_000);
    expect(book.all().filter((t) => t.status === 'error')).toHaveLength(1_000);
  });

  it('answers `pendingPolls` status polls pending before settling, whatever the time', () => {
    const { book, customerId, credit } = setup();
    book.create({ customerId, amountMinor: 4_000, source: 'cash', externalId: 'p-1' }, t0, 0, 'processed', 2);
    expect(book.countFor(customerId, t0 + 60_000)).toBe(0);
    expect(book.byId('tx-1', t0 + 60_000)?.status).toBe('pending');
    expect(book.byId('tx-1', t0 + 60_000)?.status).toBe('pending');
    expect(credit()).toBe(0);
    expect(book.byId('tx-1', t0 + 60_000)?.status).toBe('processed');
    expect(credit()).toBe(4_000);
    expect(book.byExternalId('p-1', t0 + 60_000)).toEqual([expect.objectContaining({ id: 'tx-1', status: 'processed', pendingPolls: 0 })]);
    expect(book.byExternalId('p-2', t0)).toEqual([]);
  });
});
