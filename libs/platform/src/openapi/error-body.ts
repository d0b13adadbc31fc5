import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** One field of a request that did not validate (see errors/validation.ts). */
export class FieldProblemBody {
  @ApiProperty({ description: 'Dotted path of the field, e.g. `devices.0.serial`; cut to 200 characters.', example: 'amount' })
  field: string;

  @ApiProperty({ type: [String], description: 'What is wrong with it, in words; each cut to 200 characters.', example: ['amount must be above zero'] })
  problems: string[];
}

/**
 * The JSON body of every error answer of every service (AllExceptionsFilter, the body parsers, the 415 and
 * 405 guards): `{statusCode, code, message}` plus, for some codes, the extra fields below. Documented once,
 * as the component schema `Error`, and referenced by every error response of every document.
 */
@ApiSchema({ name: 'Error' })
export class ErrorBody {
  @ApiProperty({ type: 'integer', description: 'The HTTP status, repeated.', example: 400 })
  statusCode: number;

  @ApiProperty({
    description:
      'Stable, for machines (libs/contracts/src/errors.ts): VALIDATION_FAILED, MALFORMED_JSON, JSON_TOO_DEEP, PAYLOAD_TOO_LARGE, ' +
      'UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, UNAVAILABLE, INTERNAL, ' +
      'and the services\' own (REGISTRY.*, LEDGER.*, METER.*, INTAKE.*…).',
    example: 'VALIDATION_FAILED',
  })
  code: string;

  @ApiProperty({ description: 'What went wrong, for people.', example: 'amount: amount must be above zero' })
  message: string;

  @ApiPropertyOptional({ type: [FieldProblemBody], description: 'With 400 VALIDATION_FAILED: the fields that did not validate, at most 20.' })
  fields?: FieldProblemBody[];

  @ApiPropertyOptional({ type: 'integer', description: 'With 400 VALIDATION_FAILED: how many more bad fields there were beyond the 20 named.' })
  omittedFields?: number;

  @ApiPropertyOptional({ type: [String], description: 'With 415: the media types the route takes.', example: ['application/json'] })
  accepted?: string[];

  @ApiPropertyOptional({ type: [String], description: 'With a 415 for a charset: the charsets the body type is read in.', example: ['utf-8'] })
  charsets?: string[];
}

/** The component name the document gives ErrorBody (`#/components/schemas/Error`). */
export const ERROR_SCHEMA_NAME = 'Error';
export const ERROR_SCHEMA_REF = `#/components/schemas/${ERROR_SCHEMA_NAME}`;
