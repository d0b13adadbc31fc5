import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** `?externalId=`: only what was made with that external_id. */
export class ExternalIdQuery {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  externalId?: string;
}
