import { MonCashHintError, parseMonCashHint } from './moncash-alert';

describe('parseMonCashHint', () => {
  it('reads transactionId and orderId from JSON or form bodies', () => {
    expect(parseMonCashHint({ transactionId: '12874820', orderId: 'L123' })).toEqual({ transactionId: '12874820', orderId: 'L123' });
    expect(parseMonCashHint({ transaction_id: '99', reference: 'A-1' })).toEqual({ transactionId: '99', orderId: 'A-1' });
  });

  it('accepts a numeric transaction id and falls back to the query string', () => {
    expect(parseMonCashHint({}, { transactionId: 2185608546 })).toEqual({ transactionId: '2185608546', orderId: undefined });
    expect(parseMonCashHint(undefined, { orderId: 'X1' })).toEqual({ transactionId: undefined, orderId: 'X1' });
  });

  it('refuses a hint with neither id, or with ids that are not ids', () => {
    expect(() => parseMonCashHint({ foo: 'bar' })).toThrow(MonCashHintError);
    expect(() => parseMonCashHint({ transactionId: '  ' })).toThrow('transactionId or orderId is required');
    expect(() => parseMonCashHint({ transactionId: "1'; drop table" })).toThrow('transactionId has an unexpected format');
    expect(() => parseMonCashHint({ orderId: 'x'.repeat(65) })).toThrow('orderId has an unexpected format');
  });
});
