import { MoncashBook, MoncashTransaction, PAYMENT_TOKEN_TTL_MS } from './moncash-book';

function sequentialIds() {
  let tx = 0;
  let tok = 0;
  return { transactionId: () => String(10_000_000 + ++tx), paymentToken: () => `token-${++tok}` };
}

describe('MoncashBook', () => {
  const t0 = 1_700_000_000_000;

  it('creates an order with a ten-minute payment token and refuses to create it twice', () => {
    const book = new MoncashBook(sequentialIds());
    const first = book.createOrder('INV-1', 25_000, t0);
    expect(first).toEqual({
      kind: 'created',
      order: { orderId: 'INV-1', amountMinor: 25_000, paymentToken: 'token-1', createdAt: t0, expiresAt: t0 + PAYMENT_TOKEN_TTL_MS, transactionId: null },
    });
    const again = book.createOrder('INV-1', 99_900, t0 + 1);
    expect(again.kind).toBe('duplicate');
    expect(again.order.amountMinor).toBe(25_000);
    expect(book.orderByToken('token-1')?.orderId).toBe('INV-1');
  });

  it('pays an order once and finds the payment by order and by transaction', () => {
    const book = new MoncashBook(sequentialIds());
    book.createOrder('INV-2', 25_050, t0);
    const paid = book.payOrder('INV-2', '50937001234', t0 + 1000);
    expect(paid).toEqual({
      kind: 'paid',
      transaction: { transactionId: '10000001', orderId: 'INV-2', amountMinor: 25_050, payer: '50937001234', paidAt: t0 + 1000 },
    });
    expect(book.transactionForOrder('INV-2')?.transactionId).toBe('10000001');
    expect(book.transaction('10000001')?.orderId).toBe('INV-2');
    const again = book.payOrder('INV-2', '50937001234', t0 + 2000);
    expect(again.kind).toBe('already-paid');
    expect(book.transactions()).toHaveLength(1);
  });

  it('does not pay unknown orders or orders whose token expired', () => {
    const book = new MoncashBook(sequentialIds());
    expect(book.payOrder('nope', '50937000000', t0).kind).toBe('unknown');
    book.createOrder('INV-3', 100, t0);
    expect(book.payOrder('INV-3', '50937000000', t0 + PAYMENT_TOKEN_TTL_MS).kind).toBe('expired');
    expect(book.transactionForOrder('INV-3')).toBeUndefined();
  });

  it('records direct payments without an order', () => {
    const book = new MoncashBook(sequentialIds());
    const t = book.payDirect('50937009999', 5_000, t0);
    expect(t).toMatchObject({ orderId: null, amountMinor: 5_000, payer: '50937009999' });
    expect(book.transaction(t.transactionId)).toEqual(t);
  });

  it('draws a new transaction id when one is already taken', () => {
    const ids = ['11111111', '11111111', '22222222'];
    const book = new MoncashBook({ transactionId: () => ids.shift()!, paymentToken: () => 'x' });
    expect(book.payDirect('50937000000', 1, t0).transactionId).toBe('11111111');
    expect(book.payDirect('50937000000', 1, t0).transactionId).toBe('22222222');
  });

  it('makes 10-digit transaction ids by default', () => {
    const book = new MoncashBook();
    expect(book.payDirect('50937000000', 1, t0).transactionId).toMatch(/^\d{10}$/);
  });
  it('restored from its contents (through JSON, as saved across restarts), knows the same orders and payments', () => {
    const book = new MoncashBook(sequentialIds());
    book.createOrder('INV-3', 10_000, t0);
    book.createOrder('INV-4', 20_000, t0);
    const paid = book.payOrder('INV-3', '50937001234', t0 + 1) as { kind: 'paid'; transaction: MoncashTransaction };
    const direct = book.payDirect('50937005555', 7_525, t0 + 2);
    const restored = MoncashBook.restored(JSON.parse(JSON.stringify(book.contents())), sequentialIds());
    expect(restored.transactionForOrder('INV-3')).toEqual(book.transactionForOrder('INV-3'));
    expect(restored.transaction(direct.transactionId)).toEqual(direct);
    expect(restored.payOrder('INV-3', '50937001234', t0 + 3)).toEqual({ kind: 'already-paid', transaction: paid.transaction });
    expect(restored.createOrder('INV-4', 20_000, t0 + 3).kind).toBe('duplicate');
    // The unpaid order, paid after the restart, shows as paid whether looked up by order or by its token.
    expect(restored.payOrder('INV-4', '50937001234', t0 + 4).kind).toBe('paid');
    expect(restored.orderByToken('token-2')?.transactionId).toBe(restored.order('INV-4')?.transactionId);
    expect(restored.orderByToken('token-2')?.transactionId).not.toBeNull();
  });
});
