import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@limye/platform';

// The answers of the operator users HTTP API as OpenAPI schemas (the code builds them as OperatorUserView).

/** The 404 of every /v1/organisations/:organisationId/… route of the users, API keys and organisations APIs (auth/own-organisation.ts). */
export const ORGANISATION_NOT_FOUND = 'ISSUER.ORGANISATION_NOT_FOUND: the organisation is not the caller\'s own (another organisation\'s id is answered as if it did not exist).';

/** A user as a member of one organisation: never their password or its hash. */
export class OperatorUserResponse {
  @ApiProperty({ type: String, format: 'uuid', description: 'The user (the same in every organisation they belong to).' })
  id: string;

  @ApiProperty({ type: String, format: 'email', description: 'Their sign-in name, as given (compared without case); personal data.', example: 'ops@example.org' })
  email: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'The organisation this membership is in.' })
  organisationId: string;

  @ApiProperty({ enum: [...ROLES], description: 'Their role in this organisation (docs/access.md).' })
  role: string;

  @ApiProperty({ type: Boolean, description: 'Disabled in this organisation: no token for it, other memberships unchanged.' })
  disabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', description: 'When they joined this organisation.' })
  createdAt: string;
}
