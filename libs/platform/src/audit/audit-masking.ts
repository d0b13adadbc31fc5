import { REDACTED } from '../outbound/redaction';
import { maskEmail, maskId, maskName, maskPhone, REDACTED_KEYS } from '../logging/redact';

/**
 * What an audit row keeps of a record's before/after: every field, with personal data masked by the same
 * helpers the logs use (logging/redact) and secrets replaced by "[redacted]" — never stored. Fields are
 * recognised by name, at any depth (a customer's devices, a company's contact):
 *   phones, MSISDNs, payers → maskPhone ("+509*****294"); names → initials ("M. J."); national ids and
 *   other identity numbers → maskId (last 4); e-mails → maskEmail ("m***@example.org");
 *   passwords, secrets, tokens, keys, PINs → "[redacted]".
 * A `name` that is not a person's (a company, a product, a site) is kept when the caller lists it in `keep`.
 */
export interface AuditMaskOptions {
  /** Field names kept as they are (e.g. ['name'] for a company or a site). */
  keep?: readonly string[];
}

const SECRET_KEYS = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));
const SECRET = /passw|secret|token|api_?key|pin$|pin_?hash|signing_?key|credential/i;
const PHONE = /phone|msisdn|^payer$/i;
const NATIONAL_ID = /national_?id|id_?number|passport|^nid$/i;
const EMAIL = /e_?mail/i;
const NAME = /(^|_|[a-z])(name|Name)$|^(first|last|full|given|family)_?name$/;

export function maskForAudit(value: unknown, options: AuditMaskOptions = {}): unknown {
  return maskValue(value, undefined, new Set(options.keep ?? []), 0);
}

function maskValue(value: unknown, key: string | undefined, keep: Set<string>, depth: number): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (key !== undefined && !keep.has(key)) {
    if (isSecretKey(key)) return REDACTED;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (PHONE.test(key)) return maskPhone(text);
      if (NATIONAL_ID.test(key)) return maskId(text);
      if (EMAIL.test(key)) return maskEmail(text);
      if (NAME.test(key)) return maskName(text);
    }
  }
  if (value instanceof Date) return value.toISOString();
  if (depth >= 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => maskValue(v, key, keep, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = maskValue(v, k, keep, depth + 1);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || SECRET.test(key);
}
