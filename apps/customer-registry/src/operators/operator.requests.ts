import { IsBoolean, IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsOmittable, ROLES } from '@limye/platform';
import type { Role } from '@limye/platform';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

const PASSWORD_RULE = { message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` };

/** The :organisationId of /v1/organisations/:organisationId/…. */
export class OrganisationParams {
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId: string;
}

/** The :organisationId and :userId of /v1/organisations/:organisationId/users/:userId. */
export class OrganisationUserParams extends OrganisationParams {
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

/** Body of POST /v1/organisations/:organisationId/users. */
export class CreateUserRequest {
  @IsString() @MaxLength(254) @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_RULE)
  password: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

/** Body of PATCH /v1/organisations/:organisationId/users/:userId: a new role, or disabling / enabling. */
export class UpdateMembershipRequest {
  @IsOmittable() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @IsOmittable() @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}

/** Body of PUT /v1/users/me/password. */
export class ChangePasswordRequest {
  @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}
