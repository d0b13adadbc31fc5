import { externalIdOf, matchesRequest, RequestRecord } from './request-record';

describe('request records', () => {
  const record: RequestRecord = {
    seq: 7,
    at: '2026-12-01T10:00:00.000Z',
    target: 'koios',
    method: 'GET',
    path: '/api/v1/payments?external_id=p-1',
    externalId: 'p-1',
    status: 200,
    body: undefined,
  };

  it('match every filter field given, and only those', () => {
    expect(matchesRequest(record, {})).toBe(true);
    expect(matchesRequest(record, { target: 'koios', method: 'get', path: '/api/v1/payments', externalId: 'p-1', after: 6 })).toBe(true);
    expect(matchesRequest(record, { target: 'thundercloud' })).toBe(false);
    expect(matchesRequest(record, { method: 'POST' })).toBe(false);
    expect(matchesRequest(record, { path: '/api/v0' })).toBe(false);
    expect(matchesRequest(record, { externalId: 'p-10' })).toBe(false);
    expect(matchesRequest(record, { after: 7 })).toBe(false);
  });

  it('take the external_id from the body first, then from the query, ignoring anything but a non-empty string', () => {
    expect(externalIdOf({ external_id: 'a' }, { external_id: 'b' })).toBe('a');
    expect(externalIdOf(undefined, { external_id: 'b' })).toBe('b');
    expect(externalIdOf({ external_id: 5 }, {})).toBeNull();
    expect(externalIdOf({ external_id: '' }, undefined)).toBeNull();
    expect(externalIdOf('text', null)).toBeNull();
  });
});
