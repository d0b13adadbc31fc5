import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../operators/password';

/** Body of POST /v1/organisations: a new organisation and its first owner. */
export class CreateOrganisationRequest {
  @ApiProperty({ maxLength: 120, description: 'Not blank; kept trimmed.', example: 'Haiti Solar Co-op' })
  @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** A new user, or an existing one (who then also becomes this organisation's owner). */
  @ApiProperty({ format: 'email', maxLength: 254, description: 'The first owner: a new user, or an existing one (compared without case), who then also becomes this organisation\'s owner.', example: 'owner@example.org' })
  @IsString() @MaxLength(254) @IsEmail({}, { message: 'ownerEmail must be an e-mail address' })
  ownerEmail: string;

  /** Required for a new user; refused for an existing one (their password stays theirs). */
  @ApiPropertyOptional({
    format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true,
    description: 'Required when `ownerEmail` is a new user; must be left out for an existing one (their password stays theirs).',
  })
  @IsOmittable() @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `ownerPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  ownerPassword?: string;
}
