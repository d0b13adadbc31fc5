import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches } from 'class-validator';

/** A full ISO 8601 date-time with its zone, e.g. `2026-11-22T10:15:00Z` (a bare date is not enough). */
export function IsIsoDateTime(field: string): PropertyDecorator {
  const message = `${field} must be an ISO 8601 date-time with a zone, e.g. 2026-11-22T10:15:00Z`;
  return applyDecorators(
    IsString({ message }),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, { message }),
    IsISO8601({ strict: true }, { message }),
  );
}
