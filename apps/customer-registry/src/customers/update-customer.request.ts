import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';

/** Body of PATCH /v1/customers/:id: what an operator corrects (e.g. before retrying an UNMATCHED payment). */
export class UpdateCustomerRequest {
  @IsOmittable() @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  /** Any form people type; stored in E.164 (a local form is read in the customer's site's country). */
  @IsOmittable() @IsString() @MaxLength(32)
  phone?: string;
}
