import { parseBody } from '../ussd-body.reader';
import { arkeselGateway } from './arkesel.gateway';
import { WireRequest } from './ussd-gateway';

function json(body: unknown): WireRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { ...parseBody(raw, 'application/json'), rawBody: raw, contentType: 'application/json' };
}

describe('Arkesel adapter (contract)', () => {
  it('reads a new session (userData is the dialled code)', () => {
    const parsed = arkeselGateway.parse(json({ sessionID: '16f7b0b0', userID: 'LIMYE01', newSession: true, msisdn: '250788123456', userData: '*928*01#', network: 'MTN' }));
    expect(parsed).toEqual({
      ok: true,
      hop: { gateway: 'arkesel', sessionId: '16f7b0b0', phone: '+250788123456', serviceCode: '*928*01#', networkCode: 'MTN', input: { kind: 'start' } },
    });
  });

  it('reads a later hop as the latest input only', () => {
    const parsed = arkeselGateway.parse(json({ sessionID: '16f7b0b0', userID: 'LIMYE01', newSession: false, msisdn: '250788123456', userData: '1198780012345012', network: 'MTN' }));
    expect(parsed.ok && parsed.hop).toMatchObject({ serviceCode: null, input: { kind: 'input', value: '1198780012345012' } });
  });

  it('accepts newSession as a string and an empty userData', () => {
    const parsed = arkeselGateway.parse(json({ sessionID: 's', newSession: 'false', msisdn: '250722000111', userData: '' }));
    expect(parsed.ok && parsed.hop.input).toEqual({ kind: 'input', value: '' });
  });

  it.each([
    ['no sessionID', { newSession: true, msisdn: '250788123456', userData: '*928#' }, 'sessionID is missing'],
    ['no msisdn', { sessionID: 's', newSession: true, userData: '*928#' }, 'msisdn is missing'],
    ['no newSession', { sessionID: 's', msisdn: '250788123456', userData: '1' }, 'newSession is missing'],
    ['malformed JSON', '{"sessionID": ', 'the body could not be read'],
  ])('refuses %s', (_what, body, problem) => {
    const parsed = arkeselGateway.parse(json(body));
    expect(parsed).toMatchObject({ ok: false, bad: { problem } });
  });

  it('answers in JSON, echoing the ids, continueSession false on END', () => {
    const req = json({ sessionID: '16f7b0b0', userID: 'LIMYE01', newSession: false, msisdn: '250788123456', userData: '1', network: 'MTN' });
    const con = arkeselGateway.format({ text: 'Enter the ID:', end: false }, req);
    expect(con.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(con.body)).toEqual({ sessionID: '16f7b0b0', userID: 'LIMYE01', msisdn: '250788123456', message: 'Enter the ID:', continueSession: true });
    expect(JSON.parse(arkeselGateway.format({ text: 'Bye', end: true }, req).body).continueSession).toBe(false);
    // A request too broken to echo still gets a well-formed answer.
    expect(JSON.parse(arkeselGateway.format({ text: 'Bye', end: true }, json('{')).body)).toEqual({ sessionID: '', userID: '', msisdn: '', message: 'Bye', continueSession: false });
  });
});
