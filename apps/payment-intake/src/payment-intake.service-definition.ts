import { ServiceDefinition } from '@limye/platform';
import { IntakeEnv } from './config/intake.env';
import { intakeDatabase } from './database/intake.database';
import { moncashAlertFastRoute } from './moncash/moncash-alert.fast-route';
import { PaymentIntakeModule } from './payment-intake.module';

export const paymentIntakeService: ServiceDefinition<IntakeEnv> = {
  name: 'payment-intake',
  envClass: IntakeEnv,
  port: (env) => env.PAYMENT_INTAKE_PORT,
  rootModule: (env) => PaymentIntakeModule.register(env),
  database: intakeDatabase,
  // MonCash's Alert and Return URLs: its payload is undocumented (JSON, a form, or only the query string),
  // so any body type is taken and the ids are read from wherever they are. Every other route: JSON only.
  bodyTypes: [{ path: '/v1/providers/moncash', accepts: 'any' }],
  // The alert every payment brings, ahead of Express and Nest (its usual JSON POST only).
  fastRoutes: (app) => [moncashAlertFastRoute(app)],
};
