import { parseBody } from '../ussd-body.reader';
import { africasTalkingGateway, parseSessionEndEvent } from './africastalking.gateway';
import { WireRequest } from './ussd-gateway';

/** A request exactly as Africa's Talking sends it: a form body. */
function form(raw: string): WireRequest {
  const contentType = 'application/x-www-form-urlencoded';
  const { body, malformed } = parseBody(raw, contentType);
  return { body, rawBody: raw, contentType, malformed };
}

describe("Africa's Talking adapter (contract)", () => {
  it('reads the first hop (empty text) as the start of a session, phone in E.164', () => {
    const parsed = africasTalkingGateway.parse(form('sessionId=ATUid_f1a2&serviceCode=*384*1234%23&phoneNumber=%2B250788123456&networkCode=63510&text='));
    expect(parsed).toEqual({
      ok: true,
      hop: { gateway: 'africastalking', sessionId: 'ATUid_f1a2', phone: '+250788123456', serviceCode: '*384*1234#', networkCode: '63510', input: { kind: 'start' } },
    });
  });

  it('reads a later hop as the whole path, split on *', () => {
    const parsed = africasTalkingGateway.parse(form('sessionId=ATUid_f1a2&serviceCode=*384*1234%23&phoneNumber=%2B250788123456&networkCode=63510&text=2*4821*1198780012345012'));
    expect(parsed.ok && parsed.hop.input).toEqual({ kind: 'path', segments: ['2', '4821', '1198780012345012'] });
  });

  it('reads the same fields from JSON', () => {
    const raw = JSON.stringify({ sessionId: 'ATUid_j', serviceCode: '*384*1234#', phoneNumber: '+250722123456', networkCode: '63514', text: '1' });
    const parsed = africasTalkingGateway.parse({ ...parseBody(raw, 'application/json'), rawBody: raw, contentType: 'application/json' });
    expect(parsed.ok && parsed.hop).toMatchObject({ sessionId: 'ATUid_j', phone: '+250722123456', input: { kind: 'path', segments: ['1'] } });
  });

  it('normalises a phone sent without + or in the national format', () => {
    for (const phone of ['250788123456', '0788123456', '788123456']) {
      const parsed = africasTalkingGateway.parse(form(`sessionId=s&phoneNumber=${phone}&text=`));
      expect(parsed.ok && parsed.hop.phone).toBe('+250788123456');
    }
  });

  it.each([
    ['no sessionId', 'phoneNumber=%2B250788123456&text=', 'sessionId is missing'],
    ['no phone', 'sessionId=ATUid_1&text=', 'phoneNumber is missing'],
    ['a phone that is not one', 'sessionId=ATUid_1&phoneNumber=hello&text=', 'phoneNumber is not a phone number'],
    ['an empty body', '', 'sessionId is missing'],
  ])('refuses %s, keeping what it could read', (_what, raw, problem) => {
    const parsed = africasTalkingGateway.parse(form(raw));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.bad.problem).toBe(problem);
  });

  it('refuses a malformed body', () => {
    const raw = '{"sessionId": "ATUid_1", ';
    const parsed = africasTalkingGateway.parse({ ...parseBody(raw, 'application/json'), rawBody: raw, contentType: 'application/json' });
    expect(parsed).toMatchObject({ ok: false, bad: { problem: 'the body could not be read' } });
  });

  it('answers CON or END in plain text', () => {
    const req = form('sessionId=s&phoneNumber=%2B250788123456&text=');
    expect(africasTalkingGateway.format({ text: 'Welcome\n1. Check', end: false }, req)).toEqual({ contentType: 'text/plain; charset=utf-8', body: 'CON Welcome\n1. Check' });
    expect(africasTalkingGateway.format({ text: 'Thank you.', end: true }, req).body).toBe('END Thank you.');
  });

  it('reads the end-of-session notification', () => {
    const ev = parseSessionEndEvent(
      form(
        'sessionId=ATUid_f1a2&serviceCode=*384*1234%23&networkCode=63510&phoneNumber=%2B250788123456&status=Incomplete&cost=KES+0.0000' +
          '&date=2026-11-22+12%3A00%3A00&input=1*1198780012345012&hopsCount=3&errorMessage=&lastAppResponse=CON+ID&durationInMillis=41234',
      ),
    );
    expect(ev).toEqual({ sessionId: 'ATUid_f1a2', phone: '+250788123456', serviceCode: '*384*1234#', networkCode: '63510', status: 'incomplete', input: '1*1198780012345012', errorMessage: '' });
    expect(parseSessionEndEvent(form('sessionId=x&status=Weird')).status).toBe('unknown');
    expect(parseSessionEndEvent(form('sessionId=x&status=Failed&errorMessage=timeout')).status).toBe('failed');
  });
});
