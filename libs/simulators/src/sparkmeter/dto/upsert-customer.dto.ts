import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SPARKMETER_APIS, SparkmeterApi } from '../domain/customer-book';

export class UpsertCustomerDto {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1 to 32 letters, digits, "_" or "-"' })
  code: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120)
  name?: string;

  @IsIn(SPARKMETER_APIS as unknown as string[])
  api: SparkmeterApi;

  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  creditMinor?: number;
}
