import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const CODE_MESSAGE = 'must be 1–32 letters, digits, "-" or "_" (stored upper case)';
// ASCII only: upper-casing other letters could turn them into a valid code ('ß' → 'SS', 'ı' → 'I'); left
// as they are, the pattern refuses them.
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) ? value.trim().toUpperCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Body of POST /v1/companies. */
export class CreateCompanyRequest {
  @ApiProperty({ pattern: CODE.source, description: 'Stored upper case.', example: 'SOLARCO' })
  @Transform(upper) @IsString() @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 120 })
  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;
}

/** Body of PATCH /v1/companies/:id. */
export class UpdateCompanyRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOmittable() @IsBoolean()
  active?: boolean;
}

/** Body of POST /v1/companies/:companyId/products. Amounts are whole RWF. */
export class CreateProductRequest {
  @ApiProperty({ pattern: CODE.source, description: 'Stored upper case.', example: 'SOLARCO' })
  @Transform(upper) @IsString() @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 120 })
  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Whole RWF (no minor unit).', example: 250000 })
  @IsInt({ message: 'priceRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Whole RWF (no minor unit).', example: 250000 })
  @IsInt({ message: 'incentiveCapRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  incentiveCapRwf: number;
}

/** Body of PATCH /v1/products/:id. */
export class UpdateProductRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Whole RWF (no minor unit).' })
  @IsOmittable() @IsInt({ message: 'priceRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceRwf?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Whole RWF (no minor unit).' })
  @IsOmittable() @IsInt({ message: 'incentiveCapRwf must be a whole number of RWF' }) @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  incentiveCapRwf?: number;

  @ApiPropertyOptional({ type: Boolean })
  @IsOmittable() @IsBoolean()
  active?: boolean;
}
