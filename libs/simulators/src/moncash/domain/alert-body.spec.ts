import { encodeAlert } from './alert-body';

describe('encodeAlert', () => {
  it('sends JSON with transactionId and orderId', () => {
    expect(encodeAlert({ transactionId: '123', orderId: 'INV-1' }, 'json')).toEqual({
      contentType: 'application/json',
      body: '{"transactionId":"123","orderId":"INV-1"}',
    });
  });

  it('sends a form, and leaves orderId out for a direct payment', () => {
    expect(encodeAlert({ transactionId: '123', orderId: 'A&B' }, 'form').body).toBe('transactionId=123&orderId=A%26B');
    expect(encodeAlert({ transactionId: '123' }, 'form')).toEqual({ contentType: 'application/x-www-form-urlencoded', body: 'transactionId=123' });
  });
});
