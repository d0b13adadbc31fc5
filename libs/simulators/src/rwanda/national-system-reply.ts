import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@limye/platform';
import { VendorReplyError } from '../common/vendor-reply.error';

/** An OMIS/MEIS error answer: `{"error": "<code>", "message": "<text>"}` (docs/national-systems.md). */
export function nationalSystemError(status: number, error: string, message: string, extra: Record<string, unknown> = {}): VendorReplyError {
  return new VendorReplyError(status, { error, message, ...extra });
}

/**
 * Validates a request body against its class-validator DTO. A bad body is answered the national systems'
 * way, `400 {"error":"invalid_request","message":"<field>: <problem>; …","fields":["<field>", …]}`, rather
 * than with Limye's own problem format. Unknown fields are dropped, not refused: the real systems are
 * not expected to be that strict.
 */
export function parseNationalSystemBody<T extends object>(dto: new () => T, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw nationalSystemError(400, 'invalid_request', 'the body must be a JSON object', { fields: [] });
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    const problems = flattenValidationErrors(errors);
    throw nationalSystemError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; '), {
      fields: problems.map((p) => p.field),
    });
  }
  return instance;
}
