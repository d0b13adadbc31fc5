import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';

export class EligibilityEnv extends BaseServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  ELIGIBILITY_PORT: number = 3005;
}
