import { msisdnToE164 } from './phone';
import { badHop, field, identifyCaller, LIMITS, optionalField, ParsedHop, UssdGatewayAdapter, UssdReply, WireRequest, WireResponse } from './ussd-gateway';

/**
 * Africa's Talking (reference §1.1): a form POST (JSON read too) with sessionId, serviceCode, phoneNumber,
 * networkCode and `text`, which is empty on the first hop and afterwards every input so far joined by '*'.
 * The reply is text/plain starting "CON " (wait for input) or "END " (close).
 */
export const africasTalkingGateway: UssdGatewayAdapter = {
  name: 'africastalking',

  parse(req: WireRequest): ParsedHop {
    const body = req.body;
    const caller = identifyCaller(req, { sessionId: 'sessionId', phone: 'phoneNumber' });
    const serviceCode = optionalField(body, 'serviceCode', LIMITS.serviceCode);
    const networkCode = optionalField(body, 'networkCode', LIMITS.networkCode);
    const { sessionId, phone } = caller;
    if (caller.problem || !sessionId || !phone) return badHop(this.name, caller, caller.problem ?? 'incomplete', serviceCode, networkCode);
    const text = field(body, 'text');
    const path = (text ?? '').trim();
    return {
      ok: true,
      hop: { gateway: this.name, sessionId, phone, serviceCode, networkCode, input: path === '' ? { kind: 'start' } : { kind: 'path', segments: path.split('*') } },
    };
  },

  format(reply: UssdReply): WireResponse {
    return { contentType: 'text/plain; charset=utf-8', body: `${reply.end ? 'END' : 'CON'} ${reply.text}` };
  },
};

/** Africa's Talking's end-of-session notification (its "events" callback URL). */
export interface SessionEndEvent {
  sessionId: string | null;
  phone: string | null;
  serviceCode: string | null;
  networkCode: string | null;
  /** Success | Incomplete | Failed, lower-cased; anything else becomes 'unknown'. */
  status: 'success' | 'incomplete' | 'failed' | 'unknown';
  /** The session's whole input path (masked before it is logged). */
  input: string | null;
  errorMessage: string | null;
}

export function parseSessionEndEvent(req: WireRequest): SessionEndEvent {
  const body = req.malformed ? null : req.body;
  const status = (field(body, 'status') ?? '').toLowerCase();
  return {
    sessionId: field(body, 'sessionId')?.slice(0, LIMITS.sessionId) || null,
    phone: msisdnToE164(field(body, 'phoneNumber')),
    serviceCode: optionalField(body, 'serviceCode', LIMITS.serviceCode),
    networkCode: optionalField(body, 'networkCode', LIMITS.networkCode),
    status: status === 'success' || status === 'incomplete' || status === 'failed' ? status : 'unknown',
    input: field(body, 'input'),
    errorMessage: field(body, 'errorMessage'),
  };
}
