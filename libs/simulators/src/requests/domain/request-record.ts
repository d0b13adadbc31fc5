import type { FaultTarget } from '../../faults/domain/fault-book';

/** One request that reached a simulated vendor API (faulted ones too), as `GET /sandbox/requests` lists it. */
export interface RequestRecord {
  /** 1, 2, 3… in arrival order since the start (not reset), so a test can ask for "what came after". */
  seq: number;
  at: string;
  target: FaultTarget;
  method: string;
  /** As sent, with the query string: `/api/v1/payments?external_id=…`, `/omis/v1/sales/48213907`. */
  path: string;
  /** The `external_id` of the body or of the query (Koios, ThunderCloud), else null. */
  externalId: string | null;
  /** The status answered; 0 while unanswered, or when the socket was dropped ('down', 'timeout', a caller gone). */
  status: number;
  /** The parsed body (JSON or form), as received; undefined without one. */
  body: unknown;
}

export interface RequestFilter {
  target?: string;
  method?: string;
  /** Prefix of the path (with its query). */
  path?: string;
  externalId?: string;
  /** Only requests with a greater seq. */
  after?: number;
}

export function matchesRequest(r: RequestRecord, f: RequestFilter): boolean {
  return (
    (f.target === undefined || r.target === f.target) &&
    (f.method === undefined || r.method === f.method.toUpperCase()) &&
    (f.path === undefined || r.path.startsWith(f.path)) &&
    (f.externalId === undefined || r.externalId === f.externalId) &&
    (f.after === undefined || r.seq > f.after)
  );
}

/** The vendors' idempotency key, from a JSON or form body (`external_id`) or a lookup's query string. */
export function externalIdOf(body: unknown, query: unknown): string | null {
  for (const source of [body, query]) {
    const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>).external_id : undefined;
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}
