import { AccessTokenBook } from './access-token-book';

describe('AccessTokenBook', () => {
  const t0 = Date.UTC(2026, 0, 15, 12, 0, 0);

  it('keeps a token valid for exactly its TTL', () => {
    const book = new AccessTokenBook();
    const { token, expiresAt } = book.issue('client', 59, t0);
    expect(expiresAt).toBe(t0 + 59_000);
    expect(book.check(token, t0)).toBe('valid');
    expect(book.check(token, t0 + 58_999)).toBe('valid');
    expect(book.check(token, t0 + 59_000)).toBe('expired');
  });

  it('tells an unknown token from an expired one', () => {
    const book = new AccessTokenBook();
    book.issue('client', 59, t0);
    expect(book.check('not-a-token', t0)).toBe('unknown');
  });

  it('mints distinct JWT-shaped tokens carrying jti and expiry', () => {
    const book = new AccessTokenBook();
    const a = book.issue('client', 59, t0);
    const b = book.issue('client', 59, t0);
    expect(a.token).not.toBe(b.token);
    expect(a.jti).not.toBe(b.jti);
    const parts = a.token.split('.');
    expect(parts).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ jti: a.jti, client_id: 'client', exp: Math.floor((t0 + 59_000) / 1000) });
  });

  it('forgets everything on clear', () => {
    const book = new AccessTokenBook();
    const { token } = book.issue('client', 59, t0);
    book.clear();
    expect(book.check(token, t0)).toBe('unknown');
  });

  it('remembers an expired token for an hour ("expired"), then forgets it ("unknown")', () => {
    const book = new AccessTokenBook();
    const old = book.issue('client', 59, t0);
    const recent = book.issue('client', 59, t0 + 30 * 60_000);
    book.issue('client', 59, t0 + 59_000 + 60 * 60_000 + 1);
    expect(book.check(old.token, t0 + 2 * 3600_000)).toBe('unknown');
    expect(book.check(recent.token, t0 + 2 * 3600_000)).toBe('expired');
  });
});
