import { registerDecorator, ValidationOptions } from 'class-validator';

/** How many requests a key may make: `perSecond` on average, `burst` at once (a token bucket's rate and size). */
export interface RateLimitRule {
  perSecond: number;
  burst: number;
}

const UNITS: Record<string, number> = { s: 1, min: 60, h: 3600 };
const RULE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|min|h)\s*(?:,?\s*burst\s+(\d+))?\s*$/i;

/**
 * Reads a rule as the env writes it: "300/s burst 600", "20/min burst 5", "10/h" (burst defaults to the rate per
 * unit, at least 1), or "off" (null: no limit). Throws on anything else.
 */
export function parseRateLimitRule(text: string): RateLimitRule | null {
  if (/^\s*off\s*$/i.test(text)) return null;
  const m = RULE.exec(text);
  if (!m) throw new Error(`"${text}" is not a rate limit (e.g. "300/s burst 600", "20/min burst 5" or "off")`);
  const perUnit = Number(m[1]);
  const perSecond = perUnit / UNITS[m[2].toLowerCase()];
  const burst = m[3] !== undefined ? Number(m[3]) : Math.max(1, Math.floor(perUnit));
  if (perSecond <= 0 || burst < 1) throw new Error(`"${text}": the rate and the burst must be above 0`);
  return { perSecond, burst };
}

/** Env field decorator: the value must read with parseRateLimitRule; the message names the variable. */
export function IsRateLimitRule(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRateLimitRule',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a rate limit such as "300/s burst 600", "20/min burst 5" or "off"`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            parseRateLimitRule(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}
