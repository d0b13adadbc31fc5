import { classifyThunderCloudCustomer, classifyThunderCloudPost, classifyThunderCloudTransaction } from './thundercloud-response';

const failure = (error: string) => ({ error, status: 'failure' });

describe('classifyThunderCloudCustomer (GET /customer/{code})', () => {
  it('takes customers[0].id', () => {
    expect(classifyThunderCloudCustomer(200, { customers: [{ id: 'sm-1', code: 'AB1' }], error: null }, 'AB1')).toEqual({ kind: 'found', customerId: 'sm-1' });
  });

  it('fails for good on an unknown customer (empty list or the vendor\'s 404)', () => {
    expect(classifyThunderCloudCustomer(200, { customers: [], error: false }, 'AB1')).toMatchObject({ kind: 'failed', reason: 'ThunderCloud: unknown customer AB1' });
    expect(classifyThunderCloudCustomer(404, failure('not found'), 'AB1').kind).toBe('failed');
  });

  it('never says unknown: nothing has been sent yet', () => {
    for (const [status, body] of [[500, undefined], [502, '<html/>'], [401, failure('unauthorized')], [404, undefined], [200, 'garbage']] as const) {
      expect(classifyThunderCloudCustomer(status, body, 'AB1').kind).toBe('not_credited');
    }
  });
});

describe('classifyThunderCloudPost (POST /transaction/)', () => {
  it('is accepted (not delivered) with a transaction id and no error', () => {
    expect(classifyThunderCloudPost(200, { transaction_id: 'tx-1', error: null })).toEqual({ kind: 'accepted', transactionId: 'tx-1' });
    expect(classifyThunderCloudPost(201, { transaction_id: 'tx-1', error: false })).toEqual({ kind: 'accepted', transactionId: 'tx-1' });
  });

  it('is unknown on 5xx and on a 2xx without a transaction id', () => {
    expect(classifyThunderCloudPost(500, failure('internal server error')).kind).toBe('unknown');
    expect(classifyThunderCloudPost(200, undefined).kind).toBe('unknown');
    expect(classifyThunderCloudPost(200, '<html/>').kind).toBe('unknown');
  });

  it('fails on the vendor\'s refusals, and only waits on credentials and URL mistakes', () => {
    expect(classifyThunderCloudPost(200, { transaction_id: null, error: 'customer inactive' })).toMatchObject({ kind: 'failed', reason: expect.stringContaining('customer inactive') });
    expect(classifyThunderCloudPost(400, failure('invalid amount'))).toMatchObject({ kind: 'failed', code: 'METER.VENDOR_REJECTED' });
    expect(classifyThunderCloudPost(404, failure('customer not found')).kind).toBe('failed');
    expect(classifyThunderCloudPost(404, undefined).kind).toBe('not_credited');
    expect(classifyThunderCloudPost(401, failure('unauthorized')).kind).toBe('not_credited');
  });
});

describe('classifyThunderCloudTransaction (GET /transaction/{id})', () => {
  it.each([
    ['processed', 'delivered'],
    ['pending', 'pending'],
    ['not-processed', 'failed'],
    ['error', 'failed'],
    ['reversed', 'unknown'],
  ])('maps %s to %s, in either envelope, keeping the transaction id', (status, kind) => {
    for (const body of [{ transaction: { id: 'tx-1', status }, error: null }, { id: 'tx-1', status, error: null }]) {
      const outcome = classifyThunderCloudTransaction(200, body, 'tx-1');
      expect(outcome.kind).toBe(kind);
      expect(outcome.vendorRef).toBe('tx-1');
    }
  });

  it('marks vendor-side failures with their own code', () => {
    expect(classifyThunderCloudTransaction(200, { transaction: { status: 'error' } }, 'tx-1')).toMatchObject({ code: 'METER.VENDOR_FAILED' });
  });

  it('is unknown when the poll is not answered clearly', () => {
    expect(classifyThunderCloudTransaction(500, undefined, 'tx-1').kind).toBe('unknown');
    expect(classifyThunderCloudTransaction(404, failure('transaction not found'), 'tx-1').kind).toBe('unknown');
    expect(classifyThunderCloudTransaction(200, { transaction: { status: 'processed' }, error: 'boom' }, 'tx-1').kind).toBe('unknown');
  });
});
