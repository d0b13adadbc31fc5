import { classifyKoiosLookup, classifyKoiosResponse, koiosErrors } from './koios-response';

const paid = { errors: [], data: { id: 'pay-1', recipient_id: 'c-1', amount: { value: '250.00', currency: 'HTG' }, external_id: 'ext-1', status: 'processed' } };
const koiosError = (title: string) => ({ errors: [{ code: 'x', title }], data: null });

describe('classifyKoiosResponse (POST /api/v1/payments)', () => {
  it('is delivered only for a 2xx with an empty errors[], keeping the payment id', () => {
    expect(classifyKoiosResponse(200, paid)).toEqual({ kind: 'delivered', vendorRef: 'pay-1' });
    expect(classifyKoiosResponse(201, { errors: [] })).toEqual({ kind: 'delivered', vendorRef: null });
  });

  it.each([
    ['no errors field (the 1PWR misclassification)', { detail: 'ok?' }],
    ['errors present in a 2xx', koiosError('something odd')],
    ['an empty body', undefined],
    ['a non-JSON body', '<html>gateway</html>'],
    ['errors that is not an array', { errors: 'none' }],
  ])('treats a 2xx with %s as unknown, never as a credit', (_what, body) => {
    expect(classifyKoiosResponse(200, body).kind).toBe('unknown');
  });

  it('treats "external_id has already been taken" on a 4xx as already credited', () => {
    expect(classifyKoiosResponse(400, koiosError('external_id has already been taken'))).toEqual({ kind: 'delivered', vendorRef: null });
    expect(classifyKoiosResponse(422, { errors: ['External_id has already been taken'] })).toEqual({ kind: 'delivered', vendorRef: null });
  });

  it('never counts 401/403 as success, with or without a body; they are worth retrying after a key fix', () => {
    expect(classifyKoiosResponse(401, { detail: 'Invalid API key' })).toMatchObject({ kind: 'not_credited', reason: expect.stringContaining('401') });
    expect(classifyKoiosResponse(403, koiosError('ForbiddenError'))).toMatchObject({ kind: 'not_credited', reason: expect.stringContaining('ForbiddenError') });
    expect(classifyKoiosResponse(403, undefined).kind).toBe('not_credited');
  });

  it('fails for good on an unknown customer and on validation errors, with the vendor reason', () => {
    expect(classifyKoiosResponse(404, koiosError('customer not found'))).toEqual({
      kind: 'failed',
      code: 'METER.VENDOR_REJECTED',
      reason: 'Koios: unknown customer (404): customer not found',
    });
    expect(classifyKoiosResponse(400, { errors: [{ title: 'BadRequestError', detail: 'customer has no meter' }] })).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('BadRequestError: customer has no meter'),
    });
  });

  it('does not fail a delivery over a bare 404 (wrong URL) or a rate limit', () => {
    expect(classifyKoiosResponse(404, '<html>Not Found</html>').kind).toBe('not_credited');
    expect(classifyKoiosResponse(429, koiosError('TooManyRequestsError')).kind).toBe('not_credited');
  });

  it('is unknown on 5xx, 408 and anything unexpected', () => {
    for (const status of [500, 502, 503, 504, 408, 302]) expect(classifyKoiosResponse(status, undefined).kind).toBe('unknown');
    expect(classifyKoiosResponse(500, koiosError('external_id has already been taken')).kind).toBe('unknown');
  });

  it('keeps long vendor texts short', () => {
    const outcome = classifyKoiosResponse(400, koiosError('x'.repeat(5000)));
    expect(outcome.kind === 'failed' && outcome.reason.length).toBeLessThan(400);
  });
});

describe('classifyKoiosLookup (GET /api/v1/payments?external_id=)', () => {
  it('finds the payment in a list or as a single object', () => {
    expect(classifyKoiosLookup(200, { errors: [], data: [paid.data] }, 'ext-1')).toEqual({ kind: 'delivered', vendorRef: 'pay-1' });
    expect(classifyKoiosLookup(200, paid, 'ext-1')).toEqual({ kind: 'delivered', vendorRef: 'pay-1' });
  });

  it('says not found only when Koios answers clearly', () => {
    expect(classifyKoiosLookup(200, { errors: [], data: [] }, 'ext-1').kind).toBe('not_found');
    expect(classifyKoiosLookup(200, { errors: [], data: null }, 'ext-1').kind).toBe('not_found');
    expect(classifyKoiosLookup(404, koiosError('payment not found'), 'ext-1').kind).toBe('not_found');
  });

  it('ignores payments with another external id', () => {
    expect(classifyKoiosLookup(200, { errors: [], data: [{ ...paid.data, external_id: 'other' }] }, 'ext-1').kind).toBe('not_found');
  });

  it('is unknown when the answer is unclear or the payment is not simply processed', () => {
    expect(classifyKoiosLookup(500, undefined, 'ext-1').kind).toBe('unknown');
    expect(classifyKoiosLookup(404, '<html/>', 'ext-1').kind).toBe('unknown');
    expect(classifyKoiosLookup(401, { detail: 'no' }, 'ext-1').kind).toBe('unknown');
    expect(classifyKoiosLookup(200, { data: [paid.data] }, 'ext-1').kind).toBe('unknown');
    expect(classifyKoiosLookup(200, { errors: [], data: [{ ...paid.data, status: 'reversed' }] }, 'ext-1')).toMatchObject({
      kind: 'unknown',
      vendorRef: 'pay-1',
      reason: expect.stringContaining('reversed'),
    });
  });
});

describe('koiosErrors', () => {
  it('reads string and object errors, and null when there is no errors array', () => {
    expect(koiosErrors({ errors: ['a', { title: 'T', detail: 'D' }, { code: 'c' }] })).toEqual(['a', 'T: D', '{"code":"c"}']);
    expect(koiosErrors({ detail: 'x' })).toBeNull();
    expect(koiosErrors('text')).toBeNull();
  });
});
