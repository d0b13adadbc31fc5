import { isSensitiveHeader, redactSecrets, sensitiveHeaderValues } from './redaction';

describe('redaction of outbound credentials', () => {
  it('knows credential headers by name, whatever their case', () => {
    for (const h of ['Authorization', 'x-api-key', 'X-API-SECRET', 'Authentication-Token', 'Cookie', 'Proxy-Authorization']) {
      expect(isSensitiveHeader(h)).toBe(true);
    }
    for (const h of ['accept', 'content-type', 'x-correlation-id']) expect(isSensitiveHeader(h)).toBe(false);
  });

  it('takes the whole value and the credential after its scheme', () => {
    expect(sensitiveHeaderValues({ authorization: 'Bearer tok-123', accept: 'application/json', 'X-API-KEY': 'k-456' })).toEqual([
      'Bearer tok-123',
      'tok-123',
      'k-456',
    ]);
  });

  it('removes known values and what looks like a credential', () => {
    const text =
      'failed https://user:pa55@api.example.com/v1/x?api_key=AKIA123&page=2&access_token=zzz ' +
      'with Bearer eyJhbGciOi.abc and Basic dXNlcjpwYXNz; body {"access_token":"t0k3n","ok":true} my-secret-value';
    const out = redactSecrets(text, ['my-secret-value', 'abc']);
    for (const leaked of ['pa55', 'AKIA123', 'zzz', 'eyJhbGciOi', 'dXNlcjpwYXNz', 't0k3n', 'my-secret-value']) expect(out).not.toContain(leaked);
    expect(out).toContain('page=2');
    expect(out).toContain('"ok":true');
    expect(out).toContain('api.example.com/v1/x');
  });

  it('leaves very short values alone rather than blanking ordinary words', () => {
    expect(redactSecrets('the abc of it', ['abc'])).toBe('the abc of it');
  });
});
