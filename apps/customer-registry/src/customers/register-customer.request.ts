import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SITE_ID, SITE_ID_MESSAGE } from '../sites/site-id';
import { RegisterDeviceRequest } from './register-device.request';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Body of POST /v1/customers: a customer and their devices, registered together. */
export class RegisterCustomerRequest {
  @ApiProperty({ maxLength: 120, pattern: /\S/.source, description: 'Personal data.', example: 'Marie Joseph' })
  @IsString() @MaxLength(120) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** Any form people type; stored in E.164 (local forms read in the site's country). */
  @ApiProperty({ description: 'Any form people type; stored in E.164 (local forms read in the site\'s country).', maxLength: 32, example: '+50937001234' })
  @IsString() @MaxLength(32)
  phone: string;

  /** The operator's existing account number; generated when absent. */
  @ApiPropertyOptional({ description: 'The operator\'s existing account number; generated when absent.', maxLength: 64, pattern: /^[\sA-Za-z0-9-]*[A-Za-z0-9][\sA-Za-z0-9-]*$/.source })
  @IsOptional() @IsString() @MaxLength(64)
  @Matches(/^[\sA-Za-z0-9-]*[A-Za-z0-9][\sA-Za-z0-9-]*$/, { message: 'accountNumber may hold letters, digits, spaces and dashes only' })
  accountNumber?: string;

  @ApiPropertyOptional({ maxLength: 64, pattern: SITE_ID.source, description: 'A site created with POST /v1/sites.', example: 'haiti-north' })
  @IsOptional() @MaxLength(64) @Matches(SITE_ID, { message: `siteId ${SITE_ID_MESSAGE}` })
  siteId?: string;

  @ApiProperty({ minItems: 1, maxItems: 50, type: () => [RegisterDeviceRequest] })
  @IsArray() @ArrayMinSize(1, { message: 'devices must list at least one device' }) @ArrayMaxSize(50)
  @ValidateNested({ each: true }) @Type(() => RegisterDeviceRequest)
  devices: RegisterDeviceRequest[];
}
