/** Small helpers for calling outside systems with Node's fetch. */

/** An answer body as JSON when it is JSON, else its text; undefined when empty. */
export function parseResponseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch hides the socket error in `cause` ("fetch failed" → ECONNREFUSED, UND_ERR_SOCKET…). */
export function describeNetworkError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
