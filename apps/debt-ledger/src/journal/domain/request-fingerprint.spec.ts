import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('does not depend on key order but on every value and its type', () => {
    const base = requestFingerprint({ a: 1, b: 'x' });
    expect(requestFingerprint({ b: 'x', a: 1 })).toBe(base);
    expect(requestFingerprint({ a: '1', b: 'x' })).not.toBe(base);
    expect(requestFingerprint({ a: 1, b: 'y' })).not.toBe(base);
  });
});
