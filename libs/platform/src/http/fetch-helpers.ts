/** Small helpers for calling outside systems with Node's fetch. */

/** fetch hides the socket error in `cause` ("fetch failed" → ECONNREFUSED, UND_ERR_SOCKET…). */
export function describeNetworkError(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
