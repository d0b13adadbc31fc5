import { dropLoneSurrogates } from '@limye/platform';
import { msisdnToE164 } from './phone';
/**
 * The one shape every USSD gateway is turned into. An adapter (one file per gateway) only translates its
 * wire format to a `UssdHop` and a `UssdReply` back to its wire format; sessions, menus and the request log
 * are gateway-neutral (UssdHopService). A new gateway (e.g. an XML Airtel-style one) is one more adapter
 * in USSD_GATEWAYS, served at POST /v1/ussd/<its name>.
 */

/** What the hop brings. */
export type HopInput =
  /** The first request of a session (AT: empty `text`; Arkesel: `newSession: true`). */
  | { kind: 'start' }
  /** Gateways that send only the latest input (Arkesel, Hubtel, Nalo…). */
  | { kind: 'input'; value: string }
  /** Gateways that send every input so far (Africa's Talking `text`, split on '*'): only the new ones are fed to the menus. */
  | { kind: 'path'; segments: string[] };

export interface UssdHop {
  /** The adapter's name, e.g. 'africastalking'; with sessionId it keys the session. */
  gateway: string;
  sessionId: string;
  /** E.164, e.g. +250788123456. */
  phone: string;
  serviceCode: string | null;
  networkCode: string | null;
  input: HopInput;
}

export interface UssdReply {
  /** The screen, without any gateway prefix. */
  text: string;
  /** True: show and close the session (AT "END", Arkesel continueSession false). */
  end: boolean;
}

/** A request as the HTTP layer received it (body parsed leniently; raw text kept for XML and the like). */
export interface WireRequest {
  body: unknown;
  rawBody: string;
  contentType: string;
  /** The body could not be read or parsed (malformed JSON, too large). */
  malformed: boolean;
}

export interface WireResponse {
  contentType: string;
  body: string;
}

/** What could be read of a request that is not a usable hop, for the log and the reply. */
export interface BadHop {
  gateway: string;
  problem: string;
  sessionId: string | null;
  phone: string | null;
  serviceCode: string | null;
  networkCode: string | null;
}

export type ParsedHop = { ok: true; hop: UssdHop } | { ok: false; bad: BadHop };

export interface UssdGatewayAdapter {
  /** URL segment and log `gateway`, lower-case. */
  readonly name: string;
  parse(req: WireRequest): ParsedHop;
  /** The reply in the gateway's wire format; `req` is the request it answers (JSON gateways echo ids). */
  format(reply: UssdReply, req: WireRequest): WireResponse;
}

/** Who is calling, read the same way by every adapter: the session id and the phone (E.164). */
export interface Caller {
  sessionId: string | null;
  phone: string | null;
  /** Why the request cannot be served, naming the gateway's own field; null when it can. */
  problem: string | null;
}

export function identifyCaller(req: WireRequest, fields: { sessionId: string; phone: string }): Caller {
  const sessionId = field(req.body, fields.sessionId);
  const rawPhone = field(req.body, fields.phone);
  const phone = msisdnToE164(rawPhone);
  const problem = ((): string | null => {
    if (req.malformed) return 'the body could not be read';
    if (!sessionId) return `${fields.sessionId} is missing`;
    if (sessionId.length > LIMITS.sessionId) return `${fields.sessionId} is too long`;
    if (!rawPhone) return `${fields.phone} is missing`;
    if (!phone) return `${fields.phone} is not a phone number`;
    return null;
  })();
  return { sessionId, phone, problem };
}

/** The BadHop of a request that cannot be served (ids cut to what the log can hold). */
export function badHop(gateway: string, caller: Caller, problem: string, serviceCode: string | null, networkCode: string | null): ParsedHop {
  return { ok: false, bad: { gateway, problem, sessionId: caller.sessionId?.slice(0, LIMITS.sessionId) || null, phone: caller.phone, serviceCode, networkCode } };
}

/** Column sizes of ussd_requests / ussd_sessions that identifiers must fit. */
export const LIMITS = { sessionId: 128, serviceCode: 32, networkCode: 16 } as const;

/**
 * C0 control characters and DEL. A keypad cannot type them, so they are noise or an attack; and Postgres
 * refuses NUL in text and jsonb, which would turn the hop into an error screen with no request-log row.
 */
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/**
 * A scalar field of a parsed body as a trimmed string without control characters or unpaired surrogates
 * (a lone `\ud800` escape: jsonb refuses it in the session's state, which turned the hop into an error
 * screen with no request-log row), or null when absent or not a scalar.
 */
export function field(body: unknown, name: string): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return dropLoneSurrogates(v.replace(CONTROL_CHARS, '')).trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A field that is logged but not relied on: too long is cut rather than refused. */
export function optionalField(body: unknown, name: string, max: number): string | null {
  const v = field(body, name);
  return v ? v.slice(0, max) : null;
}
