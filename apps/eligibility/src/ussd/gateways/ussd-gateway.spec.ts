import { parseBody } from '../ussd-body.reader';
import { africasTalkingGateway, parseSessionEndEvent } from './africastalking.gateway';
import { arkeselGateway } from './arkesel.gateway';
import { field, WireRequest } from './ussd-gateway';

function wire(raw: string, contentType: string): WireRequest {
  return { ...parseBody(raw, contentType), rawBody: raw, contentType };
}
const json = (body: unknown) => wire(JSON.stringify(body), 'application/json');
const form = (raw: string) => wire(raw, 'application/x-www-form-urlencoded');

describe('field()', () => {
  it('drops C0 control characters and DEL (a keypad cannot type them; Postgres refuses NUL), then trims', () => {
    expect(field({ v: '*662\u0000#' }, 'v')).toBe('*662#');
    expect(field({ v: ' \u0001a\tb\r\n\u001f\u007f ' }, 'v')).toBe('ab');
    expect(field({ v: '\u0000' }, 'v')).toBe('');
    expect(field({ v: 'Kigali é ñ' }, 'v')).toBe('Kigali é ñ');
  });
});

describe('an unpaired surrogate in a hop (a lone \\ud800 escape in JSON) is dropped and the hop still parses', () => {
  it('field() drops it, and keeps a pair (an emoji is two halves of one character)', () => {
    expect(field({ v: '*662*100\ud800#' }, 'v')).toBe('*662*100#');
    expect(field({ v: '\udc00 1 \udbff' }, 'v')).toBe('1');
    expect(field({ v: '\ude00\ud83d' }, 'v')).toBe('');
    expect(field({ v: 'ok \ud83d\ude00' }, 'v')).toBe('ok \u{1F600}');
  });

  it('Arkesel: in userData and sessionID, read from the raw JSON', () => {
    const parsed = arkeselGateway.parse(wire('{"sessionID":"s\\ud8001","newSession":true,"msisdn":"250788000001","userData":"*662*100\\ud800#"}', 'application/json'));
    expect(parsed).toEqual({
      ok: true,
      hop: { gateway: 'arkesel', sessionId: 's1', phone: '+250788000001', serviceCode: '*662*100#', networkCode: null, input: { kind: 'start' } },
    });
  });

  it("Africa's Talking JSON: in serviceCode", () => {
    const parsed = africasTalkingGateway.parse(wire('{"sessionId":"AT1","serviceCode":"*662*100#\\ud800","phoneNumber":"+250788123456","text":""}', 'application/json'));
    expect(parsed.ok && parsed.hop.serviceCode).toBe('*662*100#');
  });
});

describe('a NUL character in a hop is dropped and the hop still parses', () => {
  it('Arkesel: in userData (dialled code) and sessionID', () => {
    const parsed = arkeselGateway.parse(json({ sessionID: 'n\u00003', newSession: true, msisdn: '250788000001', userData: '*662\u0000#' }));
    expect(parsed).toEqual({
      ok: true,
      hop: { gateway: 'arkesel', sessionId: 'n3', phone: '+250788000001', serviceCode: '*662#', networkCode: null, input: { kind: 'start' } },
    });
  });

  it('Arkesel: in a later input', () => {
    const parsed = arkeselGateway.parse(json({ sessionID: 'n3', newSession: false, msisdn: '250788000001', userData: '1\u0000' }));
    expect(parsed.ok && parsed.hop.input).toEqual({ kind: 'input', value: '1' });
  });

  it("Africa's Talking: in text, serviceCode and sessionId", () => {
    const parsed = africasTalkingGateway.parse(form('sessionId=AT%00s&serviceCode=*384%00%23&phoneNumber=%2B250788123456&text=1%00'));
    expect(parsed).toEqual({
      ok: true,
      hop: { gateway: 'africastalking', sessionId: 'ATs', phone: '+250788123456', serviceCode: '*384#', networkCode: null, input: { kind: 'path', segments: ['1'] } },
    });
  });

  it("Africa's Talking: a text of only a NUL is the first hop", () => {
    const parsed = africasTalkingGateway.parse(form('sessionId=s&phoneNumber=%2B250788123456&text=%00'));
    expect(parsed.ok && parsed.hop.input).toEqual({ kind: 'start' });
  });

  it("Africa's Talking end-of-session event: in serviceCode and input", () => {
    const event = parseSessionEndEvent(form('sessionId=s1&phoneNumber=%2B250788123456&serviceCode=%00&networkCode=635%0010&status=Success&input=1*%002'));
    expect(event).toMatchObject({ sessionId: 's1', serviceCode: null, networkCode: '63510', status: 'success', input: '1*2' });
  });
});
