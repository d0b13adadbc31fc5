import { badHop, field, identifyCaller, LIMITS, optionalField, ParsedHop, UssdGatewayAdapter, UssdReply, WireRequest, WireResponse } from './ussd-gateway';

/**
 * Arkesel's JSON format (reference §1.4), the model for gateways that send only the latest input:
 * `{sessionID, userID, newSession, msisdn ("250788123456", no +), userData, network}`; on a new session
 * `userData` is the code dialled. Reply `{sessionID, userID, msisdn, message, continueSession}`.
 */
export const arkeselGateway: UssdGatewayAdapter = {
  name: 'arkesel',

  parse(req: WireRequest): ParsedHop {
    const body = req.body;
    const caller = identifyCaller(req, { sessionId: 'sessionID', phone: 'msisdn' });
    const networkCode = optionalField(body, 'network', LIMITS.networkCode);
    const newSession = booleanField(body, 'newSession');
    const userData = field(body, 'userData') ?? '';
    const serviceCode = newSession === true && userData ? userData.slice(0, LIMITS.serviceCode) : null;
    const { sessionId, phone } = caller;
    const problem = caller.problem ?? (newSession === null ? 'newSession is missing' : null);
    if (problem || !sessionId || !phone || newSession === null) return badHop(this.name, caller, problem ?? 'incomplete', serviceCode, networkCode);
    return {
      ok: true,
      hop: { gateway: this.name, sessionId, phone, serviceCode, networkCode, input: newSession ? { kind: 'start' } : { kind: 'input', value: userData } },
    };
  },

  format(reply: UssdReply, req: WireRequest): WireResponse {
    const body = req.malformed ? null : req.body;
    return {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        sessionID: field(body, 'sessionID') ?? '',
        userID: field(body, 'userID') ?? '',
        msisdn: field(body, 'msisdn') ?? '',
        message: reply.text,
        continueSession: !reply.end,
      }),
    };
  },
};

/** JSON gateways send booleans; some send "true"/"false". */
function booleanField(body: unknown, name: string): boolean | null {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return null;
}
