import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';

/** Body of PATCH /v1/customers/:id: what an operator corrects (e.g. before retrying an UNMATCHED payment). */
export class UpdateCustomerRequest {
  @ApiPropertyOptional({ maxLength: 120, pattern: /\S/.source })
  @IsOmittable() @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  /** Any form people type; stored in E.164 (a local form is read in the customer's site's country). */
  @ApiPropertyOptional({ description: 'Any form people type; stored in E.164 (a local form is read in the customer\'s site\'s country).', maxLength: 32 })
  @IsOmittable() @IsString() @MaxLength(32)
  phone?: string;
}
