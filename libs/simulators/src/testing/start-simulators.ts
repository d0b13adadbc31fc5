import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter, createValidationPipe, installBodyParsing, loadEnv } from '@limye/platform';
import { SandboxEnv } from '../config/sandbox.env';
import { SANDBOX_BODY_TYPES } from '../sandbox.body-types';
import { SandboxModule } from '../sandbox.module';

/**
 * The sandbox app with the platform's body parsing, validation pipe and error filter, on a free loopback
 * port. `env` overrides the sandbox's variables for this app only (e.g. SANDBOX_STATE_DIR).
 */
export async function startSandboxForTest(env: Partial<Record<keyof SandboxEnv, string>> = {}): Promise<{ app: INestApplication; base: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [SandboxModule] })
    .overrideProvider(SandboxEnv)
    .useValue(loadEnv(SandboxEnv, { ...process.env, ...env }))
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  installBodyParsing(app, { bodyTypes: SANDBOX_BODY_TYPES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(new Logger('sandbox-test')));
  await app.init();
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}
