/** Small readers for vendor bodies, which may be JSON, text or nothing at all. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function is2xx(status: number): boolean {
  return status >= 200 && status < 300;
}

export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A short description of a body for a reason text: never the whole thing. */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return 'an empty body';
  if (typeof body === 'string') return `"${clip(body, 120)}"`;
  return clip(JSON.stringify(body), 200);
}

/** The text of a non-empty string field, else null. */
export function textField(obj: Record<string, unknown>, key: string): string | null {
  const v = obj[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
