import { MAX_BODY_DEPTH } from '@limye/platform';
import { parseBody } from './ussd-body.reader';

describe('lenient USSD body parsing', () => {
  it('reads forms (first value of a repeated field) and JSON objects', () => {
    expect(parseBody('a=1&b=%2B250&a=2', 'application/x-www-form-urlencoded')).toEqual({ body: { a: '1', b: '+250' }, malformed: false });
    expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ body: { a: 1 }, malformed: false });
  });

  it('guesses the format when the content type says nothing useful', () => {
    expect(parseBody('{"a":"x"}', 'text/plain')).toEqual({ body: { a: 'x' }, malformed: false });
    expect(parseBody('sessionId=1&text=', '')).toEqual({ body: { sessionId: '1', text: '' }, malformed: false });
    expect(parseBody('<USSDDynMenuRequest/>', 'text/xml')).toEqual({ body: undefined, malformed: false });
  });

  it('marks broken or non-object JSON as malformed instead of failing', () => {
    expect(parseBody('{"a":', 'application/json').malformed).toBe(true);
    expect(parseBody('[1,2]', 'application/json').malformed).toBe(true);
    expect(parseBody('', 'application/json')).toEqual({ body: {}, malformed: false });
  });

  it(`marks JSON nested deeper than ${MAX_BODY_DEPTH} levels as malformed (a polite END), and takes ${MAX_BODY_DEPTH}`, () => {
    const nested = (depth: number) => `{"sessionID":"s","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(parseBody(nested(MAX_BODY_DEPTH + 1), 'application/json')).toEqual({ body: undefined, malformed: true });
    expect(parseBody(nested(5_000), 'text/plain')).toEqual({ body: undefined, malformed: true });
    expect(parseBody(nested(MAX_BODY_DEPTH), 'application/json')).toMatchObject({ body: { sessionID: 's' }, malformed: false });
  });
});
