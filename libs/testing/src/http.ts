/** Small JSON-over-HTTP helpers for tests (Node's fetch, real sockets). */
import { defaultTestAuthorization } from './test-auth';

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * One request. Operator routes need a bearer token, so unless `headers` has an `authorization` of its own,
 * it carries an owner token of DEFAULT_ORGANISATION_ID (testToken()); `authorization: ''` sends none.
 */
export async function http<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: await withAuthorization(headers) };
  if (body !== undefined) {
    if (typeof body === 'string') {
      init.body = body;
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    } else if (body instanceof URLSearchParams || body instanceof FormData || body instanceof Uint8Array) {
      // A form, multipart (fetch sets their Content-Type) or raw bytes (no Content-Type unless given).
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

async function withAuthorization(headers: Record<string, string>): Promise<Record<string, string>> {
  const given = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  if (given === undefined) return { ...headers, authorization: await defaultTestAuthorization() };
  if (headers[given] !== '') return { ...headers };
  const { [given]: _none, ...rest } = headers;
  return rest;
}

/** A JSON text nesting `depth` levels of objects and arrays, `{"x":[[…]]}` (the platform refuses more than 32). */
export function nestedJson(depth: number): string {
  if (depth < 1) throw new RangeError('depth must be at least 1');
  return `{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

/**
 * The same fields as the bodies a JSON-only route refuses with 415: text/plain, XML, multipart, and raw
 * bytes with no Content-Type. Pass each `body` and `headers` to `http`.
 */
export function nonJsonBodies(fields: Record<string, string>): Array<{ type: string; body: unknown; headers: Record<string, string> }> {
  const json = JSON.stringify(fields);
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.set(k, v);
  const xml = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`)
    .join('');
  return [
    { type: 'text/plain', body: json, headers: { 'content-type': 'text/plain' } },
    { type: 'application/xml', body: `<body>${xml}</body>`, headers: { 'content-type': 'application/xml' } },
    { type: 'multipart/form-data', body: multipart, headers: {} },
    { type: 'no Content-Type', body: new TextEncoder().encode(json), headers: {} },
  ];
}
