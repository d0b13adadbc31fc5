import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Africa's Talking USSD callback (form-encoded). `text` holds every input so far joined by '*'. */
export class AfricasTalkingRequest {
  @IsString() @MaxLength(128)
  sessionId: string;

  @IsString() @MaxLength(32)
  serviceCode: string;

  @IsString() @Matches(/^\+?\d{6,15}$/, { message: 'phoneNumber must be an MSISDN' })
  phoneNumber: string;

  @IsOptional() @IsString() @MaxLength(10)
  networkCode?: string;

  @IsOptional() @IsString() @MaxLength(500)
  text?: string;
}
