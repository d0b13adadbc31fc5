import { ApiProperty } from '@nestjs/swagger';
import { OperatorUserResponse } from '../operators/operator.responses';

// The answers of the organisations HTTP API as OpenAPI schemas (the code builds them as OrganisationView).

/** An organisation: a tenant, with its own users, API keys, customers, sites and integration settings. */
export class OrganisationResponse {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, example: 'Haiti Solar Co-op' })
  name: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** A new organisation and its first owner. */
export class CreatedOrganisationResponse extends OrganisationResponse {
  @ApiProperty({ type: () => OperatorUserResponse, description: 'The first owner\'s membership of the new organisation.' })
  owner: OperatorUserResponse;
}
