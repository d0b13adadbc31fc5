/**
 * SQLSTATEs that say "the server is not there for now", not "this statement is wrong": class 08
 * (connection exception) and the server shutting down, crashed or still starting (57P01–57P03).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;

/** What node-postgres throws when the pool cannot reach the server or loses the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|the database connection is closed|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when `err` means PostgreSQL cannot be reached right now (stopped, restarting, network), so the
 * request can be answered "try again later" (503) rather than as a bug (500). TypeORM's QueryFailedError
 * is looked into (driverError); an error's `cause` is not, so a failed outbound HTTP call
 * ('fetch failed', cause ECONNREFUSED) is not mistaken for the database.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { code, message, driverError } = e as { code?: unknown; message?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    e = driverError;
  }
  return false;
}
