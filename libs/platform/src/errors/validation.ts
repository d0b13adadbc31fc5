import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCodes } from '@limye/contracts';
import { ValidateIf } from 'class-validator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested class-validator errors into `[{field: "devices.0.serial", problems: [...]}]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // Several constraints may carry the same message ("tier must be 1..9" for type, min and max): once.
    if (e.constraints) out.push({ field, problems: [...new Set(Object.values(e.constraints))] });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: FieldProblem[]) {
    super({
      code: ErrorCodes.validationFailed,
      message: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
      fields,
    });
  }
}

/**
 * For PATCH bodies: the field may be left out, but not sent as null (class-validator's IsOptional lets a
 * null through, which would answer 200 and change nothing). Null goes on to the field's own checks, which
 * refuse it with a message naming the field.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A 400 naming one field, for checks the pipe cannot make (cross-field rules, lookups), in the pipe's shape. */
export function fieldError(field: string, problem: string): RequestValidationError {
  return new RequestValidationError([{ field, problems: [problem] }]);
}

/** One pipe for HTTP bodies/queries and NATS payloads: strict, and naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
