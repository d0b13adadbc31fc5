import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsBoolean, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const PIN = /^\d{4,6}$/;

/** Body of POST /v1/agents. */
export class CreateAgentRequest {
  /** E.164 or Rwandan local (07XXXXXXXX); stored as E.164. */
  @ApiProperty({ description: 'E.164 or Rwandan local (07XXXXXXXX); stored as E.164.', minLength: 6, maxLength: 32 })
  @IsString() @MinLength(6) @MaxLength(32)
  phone: string;

  @ApiProperty({ minLength: 1, maxLength: 120 })
  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @ApiProperty({ pattern: PIN.source })
  @IsString() @Matches(PIN, { message: 'pin must be 4 to 6 digits' })
  pin: string;

  @ApiProperty({ minItems: 1, maxItems: 50, format: 'uuid', type: [String] })
  @IsArray() @ArrayMinSize(1, { message: 'companyIds must name at least one company' }) @ArrayMaxSize(50) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'companyIds must hold company UUIDs' })
  companyIds: string[];
}

/** Body of PATCH /v1/agents/:id. */
export class UpdateAgentRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  /** A new PIN also clears wrong attempts and any lock. */
  @ApiPropertyOptional({ description: 'A new PIN also clears wrong attempts and any lock.', pattern: PIN.source })
  @IsOmittable() @IsString() @Matches(PIN, { message: 'pin must be 4 to 6 digits' })
  pin?: string;

  /** Replaces the agent's companies. */
  @ApiPropertyOptional({ description: 'Replaces the agent\'s companies.', minItems: 1, maxItems: 50, format: 'uuid', type: [String] })
  @IsOmittable() @IsArray() @ArrayMinSize(1, { message: 'companyIds must name at least one company' }) @ArrayMaxSize(50) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'companyIds must hold company UUIDs' })
  companyIds?: string[];

  @ApiPropertyOptional({ type: Boolean })
  @IsOmittable() @IsBoolean()
  active?: boolean;

  /** true: lift a PIN lock now. */
  @ApiPropertyOptional({ description: 'true: lift a PIN lock now.', type: Boolean, enum: [true] })
  @IsOmittable() @Equals(true, { message: 'unlock can only be true' })
  unlock?: true;
}
