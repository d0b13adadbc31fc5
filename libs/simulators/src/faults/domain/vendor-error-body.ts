import { STATUS_CODES } from 'http';
import type { FaultTarget } from './fault-book';

/**
 * An error body as each vendor would send it with `status` (500 by default, or the status a 'status'
 * fault asks for), so callers exercise their real error parsing.
 */
export function vendorErrorBody(target: FaultTarget, path: string, now: number, status = 500): unknown {
  const reason = STATUS_CODES[status] ?? 'Error';
  if (status === 500) {
    switch (target) {
      case 'moncash':
        return { path, error: 'Internal Server Error', message: 'Internal Server Error', timestamp: now, status: 500 };
      case 'koios':
        return { errors: [{ code: 'internal', title: 'Internal server error' }], data: null };
      case 'thundercloud':
        return { error: 'internal server error', status: 'failure' };
      case 'omis':
      case 'meis':
        return { error: 'internal_error', message: 'internal server error' };
    }
  }
  switch (target) {
    case 'moncash':
      return { path, error: reason, message: reason, timestamp: now, status };
    case 'koios':
      return { errors: [{ code: snakeCase(reason), title: reason }], data: null };
    case 'thundercloud':
      return { error: reason.toLowerCase(), status: 'failure' };
    case 'omis':
    case 'meis':
      return { error: snakeCase(reason), message: reason.toLowerCase() };
  }
}

/** "Service Unavailable" → "service_unavailable", as the national systems and Koios spell error codes. */
function snakeCase(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
