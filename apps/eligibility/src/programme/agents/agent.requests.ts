import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsBoolean, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '@limye/platform';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const PIN = /^\d{4,6}$/;

/** Body of POST /v1/agents. */
export class CreateAgentRequest {
  /** E.164 or Rwandan local (07XXXXXXXX); stored as E.164. */
  @IsString() @MinLength(6) @MaxLength(32)
  phone: string;

  @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @IsString() @Matches(PIN, { message: 'pin must be 4 to 6 digits' })
  pin: string;

  @IsArray() @ArrayMinSize(1, { message: 'companyIds must name at least one company' }) @ArrayMaxSize(50) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'companyIds must hold company UUIDs' })
  companyIds: string[];
}

/** Body of PATCH /v1/agents/:id. */
export class UpdateAgentRequest {
  @IsOmittable() @Transform(trimmed) @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  /** A new PIN also clears wrong attempts and any lock. */
  @IsOmittable() @IsString() @Matches(PIN, { message: 'pin must be 4 to 6 digits' })
  pin?: string;

  /** Replaces the agent's companies. */
  @IsOmittable() @IsArray() @ArrayMinSize(1, { message: 'companyIds must name at least one company' }) @ArrayMaxSize(50) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'companyIds must hold company UUIDs' })
  companyIds?: string[];

  @IsOmittable() @IsBoolean()
  active?: boolean;

  /** true: lift a PIN lock now. */
  @IsOmittable() @Equals(true, { message: 'unlock can only be true' })
  unlock?: true;
}
