import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const CODE_MESSAGE = 'must be 1–32 letters, digits, "-" or "_" (stored upper case)';
// ASCII only: upper-casing other letters could turn them into a valid code ('ß' → 'SS', 'ı' → 'I'); left
// as they are, the pattern refuses them.
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) ? value.trim().toUpperCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Body of POST /v1/companies. */
export class CreateCompanyRequest {
  @Transform(upper) @IsString() @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;
}

/** Body of PATCH /v1/companies/:id. */
export class UpdateCompanyRequest {
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  @IsOmittable() @IsBoolean()
  active?: boolean;
}

/** Body of POST /v1/companies/:companyId/products. Amounts are whole RWF. */
export class CreateProductRequest {
  @Transform(upper) @IsString() @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @IsInt({ message: 'priceRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf: number;

  @IsInt({ message: 'incentiveCapRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  incentiveCapRwf: number;
}

/** Body of PATCH /v1/products/:id. */
export class UpdateProductRequest {
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  @IsOmittable() @IsInt({ message: 'priceRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf?: number;

  @IsOmittable() @IsInt({ message: 'incentiveCapRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  incentiveCapRwf?: number;

  @IsOmittable() @IsBoolean()
  active?: boolean;
}
