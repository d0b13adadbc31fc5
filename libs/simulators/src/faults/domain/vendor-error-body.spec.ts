import { vendorErrorBody } from './vendor-error-body';

describe('vendorErrorBody', () => {
  it("answers each vendor's 500 as before", () => {
    expect(vendorErrorBody('moncash', '/v1/CreatePayment', 7)).toEqual({ path: '/v1/CreatePayment', error: 'Internal Server Error', message: 'Internal Server Error', timestamp: 7, status: 500 });
    expect(vendorErrorBody('koios', '/api/v1/payments', 7)).toEqual({ errors: [{ code: 'internal', title: 'Internal server error' }], data: null });
    expect(vendorErrorBody('thundercloud', '/api/v0/transaction', 7)).toEqual({ error: 'internal server error', status: 'failure' });
    expect(vendorErrorBody('omis', '/omis/v1/sales/1', 7)).toEqual({ error: 'internal_error', message: 'internal server error' });
  });

  it('names any other status in the vendor\'s own shape', () => {
    expect(vendorErrorBody('moncash', '/v1/RetrieveOrderPayment', 7, 503)).toEqual({ path: '/v1/RetrieveOrderPayment', error: 'Service Unavailable', message: 'Service Unavailable', timestamp: 7, status: 503 });
    expect(vendorErrorBody('koios', '/api/v1/payments', 7, 401)).toEqual({ errors: [{ code: 'unauthorized', title: 'Unauthorized' }], data: null });
    expect(vendorErrorBody('thundercloud', '/api/v0/transaction', 7, 429)).toEqual({ error: 'too many requests', status: 'failure' });
    expect(vendorErrorBody('meis', '/meis/v1/persons/1', 7, 503)).toEqual({ error: 'service_unavailable', message: 'service unavailable' });
  });
});
