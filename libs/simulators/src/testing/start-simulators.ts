import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'net';
import { AllExceptionsFilter, createValidationPipe, installBodyParsing, installFastJsonRoutes, loadEnv } from '@limye/platform';
import { SIMULATOR_BODY_TYPES, SimulatorName, simulatorFastRoutes } from '../simulators.catalogue';
import { SimulatorsEnv } from '../simulators.env';
import { SimulatorsModule } from '../simulators.module';
import { SimulatorsClient } from './simulators-client';

export interface StartSimulatorsOptions {
  /** Only these simulators (default: all). A test of the meter-adapter needs only 'sparkmeter'. */
  only?: readonly SimulatorName[];
  /**
   * Settings for these simulators, over the sandbox's defaults (docs/sandbox.md): credentials,
   * MONCASH_ALERT_URL, SANDBOX_STATE_DIR, SANDBOX_RWANDA_HOUSEHOLDS… The test process's own environment is
   * not read, so a developer's shell cannot change what a test sees.
   */
  env?: Partial<Record<keyof SimulatorsEnv, string>>;
}

/** The simulators started by startSimulators, with their control API as a client (faults, requests, sparkmeter, rwanda…). */
export interface RunningSimulators extends SimulatorsClient {
  /** `http://127.0.0.1:<free port>`: point a service's *_BASE_URL at it as at the sandbox. */
  readonly url: string;
  /** The settings in force: the credentials a service must present (`env.SPARKMETER_KOIOS_API_KEY`…). */
  env: SimulatorsEnv;
  app: INestApplication;
  /** Stops the simulators (state saved first when SANDBOX_STATE_DIR is set) and frees the port. */
  close(): Promise<void>;
}

/**
 * Starts the simulators inside the test process on a free loopback port, as the sandbox serves them:
 * the same routes, body parsing, validation and error format, without the sandbox's probes and metrics.
 * No database, no NATS. The answer is also a SimulatorsClient: `sim.faults.set('koios', …)`,
 * `sim.sparkmeter.creditsFor(id)`, `sim.requests.list({ target: 'omis' })`.
 */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const env = loadEnv(SimulatorsEnv, { NODE_ENV: 'test', ...options.env });
  const app = await NestFactory.create(SimulatorsModule.forRoot({ env, only: options.only }), { bodyParser: false, logger: false, abortOnError: false });
  installBodyParsing(app, { bodyTypes: SIMULATOR_BODY_TYPES });
  installFastJsonRoutes(app, simulatorFastRoutes(app, options.only), new Logger('simulators'));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(new Logger('simulators')));
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return Object.assign(new SimulatorsClient(url), { env, app, close: () => app.close() });
}
