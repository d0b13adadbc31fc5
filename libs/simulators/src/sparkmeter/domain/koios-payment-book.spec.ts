import { CustomerBook } from './customer-book';
import { KoiosPaymentBook } from './koios-payment-book';
import { seedCustomers } from './seed-customers';

describe('KoiosPaymentBook', () => {
  const t0 = 1_700_000_000_000;
  const setup = () => {
    const customers = new CustomerBook(seedCustomers());
    let n = 0;
    return { customers, koios: new KoiosPaymentBook(customers, () => `pay-${++n}`) };
  };

  it('credits the customer at once', () => {
    const { customers, koios } = setup();
    const r = koios.pay({ customerCode: '0252SHG', amountMinor: 2_500, memo: 'MonCash 1', externalId: 'p-1' }, t0);
    expect(r).toEqual({
      kind: 'paid',
      payment: { id: 'pay-1', recipientId: customers.byCode('0252SHG')!.id, amountMinor: 2_500, memo: 'MonCash 1', externalId: 'p-1', status: 'processed', createdAt: t0 },
    });
    expect(customers.byCode('0252SHG')!.creditMinor).toBe(2_500);
  });

  it('rejects a repeated external_id and credits only once', () => {
    const { customers, koios } = setup();
    koios.pay({ customerCode: '0252SHG', amountMinor: 2_500, memo: '', externalId: 'p-1' }, t0);
    const again = koios.pay({ customerCode: '0252SHG', amountMinor: 2_500, memo: '', externalId: 'p-1' }, t0);
    expect(again.kind).toBe('duplicate-external-id');
    expect(customers.byCode('0252SHG')!.creditMinor).toBe(2_500);
    expect(koios.byExternalId('p-1')).toHaveLength(1);
    expect(koios.countFor(customers.byCode('0252SHG')!.id)).toBe(1);
  });

  it('credits every payment that has no external_id', () => {
    const { customers, koios } = setup();
    koios.pay({ customerCode: '0253SHG', amountMinor: 100, memo: '', externalId: null }, t0);
    koios.pay({ customerCode: '0253SHG', amountMinor: 100, memo: '', externalId: null }, t0);
    expect(customers.byCode('0253SHG')!.creditMinor).toBe(12_550 + 200);
  });

  it('finds customers by id too, and only Koios ones', () => {
    const { customers, koios } = setup();
    const id = customers.byCode('0253SHG')!.id;
    expect(koios.pay({ customerId: id, amountMinor: 1, memo: '', externalId: null }, t0).kind).toBe('paid');
    expect(koios.pay({ customerCode: '0101JAC', amountMinor: 1, memo: '', externalId: null }, t0).kind).toBe('unknown-customer');
    expect(koios.pay({ customerCode: '0252shg', amountMinor: 1, memo: '', externalId: null }, t0).kind).toBe('unknown-customer');
  });

  it('refuses an early external_id again after thousands of payments, and after a restore', () => {
    const { customers, koios } = setup();
    const id = customers.byCode('0252SHG')!.id;
    for (let i = 1; i <= 3_000; i++) koios.pay({ customerId: id, amountMinor: 1, memo: '', externalId: `p-${i}` }, t0 + i);
    expect(koios.pay({ customerCode: '0252SHG', amountMinor: 1, memo: '', externalId: 'p-1' }, t0)).toMatchObject({ kind: 'duplicate-external-id', payment: { id: 'pay-1', createdAt: t0 + 1 } });
    expect(koios.byExternalId('p-2999')).toEqual([expect.objectContaining({ id: 'pay-2999', externalId: 'p-2999' })]);
    expect(koios.byExternalId('p-3001')).toEqual([]);
    expect(koios.byId('pay-3000')).toMatchObject({ externalId: 'p-3000', amountMinor: 1 });
    expect(koios.countFor(id)).toBe(3_000);
    expect(customers.byCode('0252SHG')!.creditMinor).toBe(3_000);

    const restored = KoiosPaymentBook.restored(customers, koios.all());
    expect(restored.all()).toEqual(koios.all());
    expect(restored.pay({ customerId: id, amountMinor: 1, memo: '', externalId: 'p-1500' }, t0).kind).toBe('duplicate-external-id');
    expect(restored.byId('pay-1')).toMatchObject({ externalId: 'p-1' });
    expect(restored.countFor(id)).toBe(3_000);
    expect(restored.countFor(customers.byCode('0253SHG')!.id)).toBe(0);
    expect(customers.byCode('0252SHG')!.creditMinor).toBe(3_000);
  });

  it('does not let callers change stored payments through returned copies', () => {
    const { koios } = setup();
    const r = koios.pay({ customerCode: '0252SHG', amountMinor: 100, memo: '', externalId: 'p-1' }, t0);
    if (r.kind !== 'paid') throw new Error(r.kind);
    r.payment.amountMinor = 999;
    koios.byExternalId('p-1')[0].amountMinor = 999;
    koios.byId('pay-1')!.amountMinor = 999;
    expect(koios.all()[0].amountMinor).toBe(100);
  });
});
