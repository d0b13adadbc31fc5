import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import * as net from 'net';
import { isDatabaseUnavailable } from './database-unavailable';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

function serverError(code: string, message: string): DatabaseError {
  const err = new DatabaseError(message, message.length, 'error');
  err.code = code;
  return err;
}

describe('isDatabaseUnavailable (PostgreSQL away: 503, not a bug)', () => {
  it('is true for what node-postgres throws when the server is not listening', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x' });
    const err = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(err).toBeDefined();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
  ])('is true for the server saying %s (%s), also wrapped by TypeORM', (code, message) => {
    expect(isDatabaseUnavailable(serverError(code, message))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], serverError(code, message)))).toBe(true);
  });

  it('is true for a connection lost mid-query or a pool that cannot connect in time', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('is false for a wrong statement, a constraint, a bug, or another host not answering', async () => {
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], serverError('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(serverError('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    const fetchFailure = await fetch(`http://127.0.0.1:${await closedPort()}/`).then(() => undefined, (e: unknown) => e);
    expect(isDatabaseUnavailable(fetchFailure)).toBe(false); // 'fetch failed', its cause ECONNREFUSED
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
