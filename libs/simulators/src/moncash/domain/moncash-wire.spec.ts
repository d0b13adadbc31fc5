// @limye/contracts carries class-transformer DTOs, which need reflect-metadata loaded first (Nest does this at run time).
import 'reflect-metadata';
import { formatMoncashDate, moncashCost, moncashError, paymentBody, parseMoncashAmount } from './moncash-wire';

describe('MonCash wire format', () => {
  it('formats dates as yyyy-MM-dd HH:mm:ss:SSS (UTC)', () => {
    expect(formatMoncashDate(Date.UTC(2019, 4, 24, 12, 36, 55, 107))).toBe('2019-05-24 12:36:55:107');
    expect(formatMoncashDate(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02 03:04:05:006');
  });

  it('writes cost as a JSON number from minor units', () => {
    expect(moncashCost(25_000)).toBe(250);
    expect(moncashCost(25_050)).toBe(250.5);
    expect(moncashCost(1)).toBe(0.01);
  });

  it('parses amounts as positive HTG with at most two decimals', () => {
    expect(parseMoncashAmount(250)).toEqual({ amountMinor: 25_000 });
    expect(parseMoncashAmount(250.5)).toEqual({ amountMinor: 25_050 });
    expect(parseMoncashAmount('12.34')).toEqual({ amountMinor: 1_234 });
    for (const bad of [0, -5, 1.234, 'abc', true, null, undefined, '']) {
      expect(parseMoncashAmount(bad)).toHaveProperty('problem');
    }
  });

  it('builds the error envelope and the payment body', () => {
    expect(moncashError('/v1/CreatePayment', 409, 'dup', 5)).toEqual({ path: '/v1/CreatePayment', error: 'Conflict', message: 'dup', timestamp: 5, status: 409 });
    expect(paymentBody('/v1/RetrieveOrderPayment', { transactionId: '123', orderId: null, amountMinor: 1_050, payer: '50937000000' }, 7)).toEqual({
      path: '/v1/RetrieveOrderPayment',
      payment: { reference: '', transaction_id: '123', cost: 10.5, message: 'successful', payer: '50937000000' },
      timestamp: 7,
      status: 200,
    });
  });
});
