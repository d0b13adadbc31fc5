import type { FaultTarget } from './fault-book';

/** A 500 body as each vendor would send it, so callers exercise their real error parsing. */
export function vendorErrorBody(target: FaultTarget, path: string, now: number): unknown {
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
