import { IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOmittable, ROLES } from '@limye/platform';
import type { Role } from '@limye/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrganisationParams } from '../operators/operator.requests';

/** Body of POST /v1/organisations/:organisationId/api-keys. */
export class CreateApiKeyRequest {
  /** What the key is for, e.g. "accounting export". */
  @ApiProperty({ maxLength: 120, description: 'What the key is for (not blank).', example: 'accounting export' })
  @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: [...ROLES], description: 'The role of the tokens it gets; only an owner makes an owner\'s key.' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  /** ISO 8601 date-time, in the future; left out: the key does not expire. */
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO 8601, in the future; left out: the key does not expire. Its tokens never outlive it.' })
  @IsOmittable() @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;
}

/** The :organisationId and :keyId of /v1/organisations/:organisationId/api-keys/:keyId. */
export class ApiKeyParams extends OrganisationParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'keyId must be a UUID' })
  keyId: string;
}
