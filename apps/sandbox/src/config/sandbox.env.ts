import { IsInt, Max, Min } from 'class-validator';
import { SimulatorsEnv } from '@limye/simulators';

/** The sandbox's settings: its port, and every simulator setting (libs/simulators, docs/sandbox.md). */
export class SandboxEnv extends SimulatorsEnv {
  @IsInt() @Min(0) @Max(65535)
  SANDBOX_PORT: number = 3100;
}
