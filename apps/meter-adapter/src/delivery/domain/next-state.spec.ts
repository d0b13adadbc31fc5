import fc from 'fast-check';
import type { DeliveryOutcome } from '../../drivers/domain/delivery-outcome';
import { planNextState } from './next-state';

const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };
const fixed = () => 1;

describe('planNextState', () => {
  it('finishes delivered and failed deliveries', () => {
    expect(planNextState({ kind: 'delivered', vendorRef: 'p-1' }, 1, policy, fixed)).toEqual({
      status: 'DELIVERED', reason: null, failureCode: null, vendorRef: 'p-1', retryInMs: null,
    });
    expect(planNextState({ kind: 'failed', code: 'METER.VENDOR_REJECTED', reason: 'unknown customer' }, 1, policy, fixed)).toEqual({
      status: 'FAILED', reason: 'unknown customer', failureCode: 'METER.VENDOR_REJECTED', vendorRef: null, retryInMs: null,
    });
  });

  it('retries unclear and refused attempts with back-off', () => {
    expect(planNextState({ kind: 'unknown', reason: 'timed out' }, 2, policy, fixed)).toMatchObject({ status: 'UNKNOWN', reason: 'timed out', retryInMs: 2000 });
    expect(planNextState({ kind: 'not_credited', reason: '401' }, 3, policy, fixed)).toMatchObject({ status: 'PENDING', retryInMs: 4000 });
    expect(planNextState({ kind: 'pending', vendorRef: 'tx-1', reason: 'site not synced' }, 1, policy, fixed)).toMatchObject({
      status: 'PENDING', vendorRef: 'tx-1', retryInMs: 1000,
    });
  });

  it('gives up at the last attempt only when the credit is known not to be made', () => {
    expect(planNextState({ kind: 'not_credited', reason: '401 bad key' }, 5, policy, fixed)).toEqual({
      status: 'FAILED', reason: 'gave up after 5 attempts: 401 bad key', failureCode: 'METER.GAVE_UP', vendorRef: null, retryInMs: null,
    });
    expect(planNextState({ kind: 'unknown', reason: 'timed out' }, 5, policy, fixed)).toMatchObject({ status: 'UNKNOWN', retryInMs: 8000 });
    expect(planNextState({ kind: 'pending', vendorRef: 'tx-1', reason: 'site offline' }, 500, policy, fixed)).toMatchObject({ status: 'PENDING', retryInMs: 8000 });
  });

  it('never turns an unclear or accepted attempt into FAILED, at any attempt count', () => {
    const uncertain = fc.oneof(
      fc.record({ kind: fc.constant('unknown' as const), reason: fc.string() }),
      fc.record({ kind: fc.constant('pending' as const), vendorRef: fc.string({ minLength: 1 }), reason: fc.string() }),
    );
    fc.assert(
      fc.property(uncertain, fc.integer({ min: 1, max: 10_000 }), (outcome: DeliveryOutcome, attempts) => {
        const next = planNextState(outcome, attempts, policy);
        return next.status !== 'FAILED' && next.retryInMs !== null && next.retryInMs <= policy.maxMs;
      }),
    );
  });
});
