/**
 * What an outbound call came to, typed so that each caller maps it to its own domain (meter-adapter: a
 * credit UNKNOWN or certainly not made; eligibility: "the national system is not answering"). An outbound
 * call never throws: every way it can end is one of these.
 */

/** Why there is no answer. */
export type OutboundFailure =
  /** No answer within the attempt's timeout, or the caller's deadline or time budget ran out. It may have arrived. */
  | 'timeout'
  /** Nothing listens there (down, wrong port): certainly not received. */
  | 'connection_refused'
  /** The connection closed or reset before a whole answer: it may have been received. */
  | 'connection_reset'
  /** Below HTTP: DNS, TLS, unreachable network, anything else. */
  | 'network_error'
  /** Not sent: the system's circuit is open after failures in a row. */
  | 'breaker_open'
  /** The caller gave it up (its signal): its answer no longer matters. Says nothing about the system. */
  | 'abandoned';

export interface OutboundAnswer {
  kind: 'answered';
  status: number;
  /** JSON when the body is JSON, else its text; undefined when empty. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** HTTP attempts made, this one included. */
  attempts: number;
}

export interface OutboundUnreachable {
  kind: 'unreachable';
  failure: OutboundFailure;
  /** For logs and stored reasons: names the route template, never the path; credentials redacted. */
  reason: string;
  attempts: number;
}

export type OutboundResult = OutboundAnswer | OutboundUnreachable;

/** The metrics label of an attempt: the status class, or why there was no answer. */
export type OutboundOutcome = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | OutboundFailure;

const STATUS_CLASSES = ['1xx', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export function outcomeOf(result: OutboundResult): OutboundOutcome {
  return result.kind === 'answered' ? statusClass(result.status) : result.failure;
}

export function statusClass(status: number): '1xx' | '2xx' | '3xx' | '4xx' | '5xx' {
  return STATUS_CLASSES[Math.min(5, Math.max(1, Math.floor(status / 100)))];
}

/** The socket error's code, wherever fetch, undici or net put it (`cause`, an AggregateError's first error). */
export function transportErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown }; errors?: Array<{ code?: unknown }> } | undefined;
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A transport error (no HTTP answer) by its cause. Timeouts and aborts are told apart by the caller, which set them. */
export function classifyTransportError(err: unknown): Exclude<OutboundFailure, 'breaker_open' | 'abandoned'> {
  switch (transportErrorCode(err)) {
    case 'ECONNREFUSED':
      return 'connection_refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'ECONNABORTED':
      return 'connection_reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout';
    default:
      return 'network_error';
  }
}

const NOT_BLANK = /\S/;

/** An answer body as JSON when it is JSON, else its text; undefined when empty. */
export function parseResponseBody(text: string): unknown {
  if (!NOT_BLANK.test(text)) return undefined; // stops at the first character that is not blank: no copy of a big body
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
