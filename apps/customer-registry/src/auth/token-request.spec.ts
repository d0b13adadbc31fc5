import { DomainError } from '@limye/contracts';
import { readTokenRequest } from './token-request';

function refusal(body: unknown, authorization?: string): { status: number; details: Record<string, unknown>; code: string } {
  try {
    readTokenRequest(body, authorization);
  } catch (err) {
    const e = err as DomainError;
    return { status: e.httpStatus, details: e.details ?? {}, code: e.code };
  }
  throw new Error('expected a refusal');
}

describe('token requests', () => {
  it('reads the password grant, with and without organisation_id', () => {
    expect(readTokenRequest({ grant_type: 'password', username: 'a@b.c', password: 'pw' }, undefined)).toEqual({ grant: 'password', email: 'a@b.c', password: 'pw', organisationId: undefined });
    const org = '00000000-0000-4000-8000-00000000000A';
    expect(readTokenRequest({ grant_type: 'password', username: 'a@b.c', password: 'pw', organisation_id: org, scope: 'x' }, undefined)).toMatchObject({ organisationId: org.toLowerCase() });
  });

  it('reads the API key from client_secret, HTTP Basic or api_key', () => {
    expect(readTokenRequest({ grant_type: 'client_credentials', client_secret: 'lky_x' }, undefined)).toEqual({ grant: 'api_key', apiKey: 'lky_x', viaBasicAuth: false });
    const basic = `Basic ${Buffer.from('lky_id:lky_id_s%2Bcret').toString('base64')}`;
    expect(readTokenRequest({ grant_type: 'client_credentials' }, basic)).toEqual({ grant: 'api_key', apiKey: 'lky_id_s+cret', viaBasicAuth: true });
    expect(readTokenRequest({ grant_type: 'api_key', api_key: 'lky_y' }, undefined)).toEqual({ grant: 'api_key', apiKey: 'lky_y', viaBasicAuth: false });
  });

  it('refuses missing or malformed fields as invalid_request naming the field, and unknown grants as unsupported_grant_type', () => {
    const cases: Array<[unknown, number, string, string]> = [
      [undefined, 400, 'invalid_request', 'grant_type'],
      [[], 400, 'invalid_request', 'grant_type'],
      [{}, 400, 'invalid_request', 'grant_type'],
      [{ grant_type: 'password', password: 'x' }, 400, 'invalid_request', 'username'],
      [{ grant_type: 'password', username: 'a@b.c' }, 400, 'invalid_request', 'password'],
      [{ grant_type: 'password', username: ['a'], password: 'x' }, 400, 'invalid_request', 'username'],
      [{ grant_type: 'password', username: 'a@b.c', password: 'x', organisation_id: 'nope' }, 400, 'invalid_request', 'organisation_id'],
      [{ grant_type: 'password', username: 'a@b.c', password: 'x'.repeat(1025) }, 400, 'invalid_request', 'password'],
      [{ grant_type: 'password', username: `${'a'.repeat(250)}@b.cd`, password: 'x' }, 400, 'invalid_request', 'username'],
      [{ grant_type: 'password', username: `${'İ'.repeat(200)}@b.cd`, password: 'x' }, 400, 'invalid_request', 'username'],
      [{ grant_type: 'client_credentials' }, 400, 'invalid_request', 'client_secret'],
      [{ grant_type: 'api_key' }, 400, 'invalid_request', 'api_key'],
    ];
    for (const [body, status, error, field] of cases) {
      const r = refusal(body);
      expect([r.status, r.details.error, r.code]).toEqual([status, error, 'VALIDATION_FAILED']);
      expect(r.details.fields).toEqual([expect.objectContaining({ field })]);
      expect(String(r.details.error_description)).toContain(field);
    }
    const unsupported = refusal({ grant_type: 'authorization_code', code: 'x' });
    expect([unsupported.status, unsupported.details.error, unsupported.code]).toEqual([400, 'unsupported_grant_type', 'ISSUER.UNSUPPORTED_GRANT_TYPE']);
  });
});
