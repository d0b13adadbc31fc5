import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_SCHEMA_REF } from './error-body';

/**
 * The error answers of one route beyond the common ones the document builder adds to every route
 * (400/413/415 with a JSON body, 401/403/503 when secured): status → when it happens, starting with its
 * code, e.g. `@ApiErrors({ 404: 'INTAKE.PAYMENT_NOT_FOUND: no payment with this id.' })`. Each answers the
 * platform's JSON error body (`Error`). A status given here replaces the builder's words for it.
 */
export function ApiErrors(errors: Record<number, string>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } } }),
    ),
  );
}
