import { IsBoolean, IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsOmittable, ROLES } from '@limye/platform';
import type { Role } from '@limye/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

const PASSWORD_RULE = { message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` };

/** The :organisationId of /v1/organisations/:organisationId/…. */
export class OrganisationParams {
  @ApiProperty({ format: 'uuid', description: 'The caller\'s own organisation (the `org` of their token); any other answers 404.' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId: string;
}

/** The :organisationId and :userId of /v1/organisations/:organisationId/users/:userId. */
export class OrganisationUserParams extends OrganisationParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

/** Body of POST /v1/organisations/:organisationId/users. */
export class CreateUserRequest {
  @ApiProperty({ format: 'email', maxLength: 254, description: 'Their sign-in name; must not be any user\'s yet (compared without case).', example: 'ops@example.org' })
  @IsString() @MaxLength(254) @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true, description: 'Their first password (stored as a scrypt hash, never returned).' })
  @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_RULE)
  password: string;

  @ApiProperty({ enum: [...ROLES], description: 'Their role in this organisation; only an owner makes an owner.' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

/** Body of PATCH /v1/organisations/:organisationId/users/:userId: a new role, or disabling / enabling. */
export class UpdateMembershipRequest {
  @ApiPropertyOptional({ enum: [...ROLES], description: 'The new role; only an owner makes, or changes, an owner.' })
  @IsOmittable() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: Boolean, description: '`true` disables the user in this organisation (no new token for it), `false` enables them again.' })
  @IsOmittable() @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}

/** Body of PUT /v1/users/me/password. */
export class ChangePasswordRequest {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH, writeOnly: true, description: 'The password they sign in with now (a wrong one counts toward the sign-in lockout).' })
  @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true })
  @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}
