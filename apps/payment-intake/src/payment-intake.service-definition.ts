import { ServiceDefinition } from '@limye/platform';
import { IntakeEnv } from './config/intake.env';
import { intakeDatabase } from './database/intake.database';
import { PaymentIntakeModule } from './payment-intake.module';

export const paymentIntakeService: ServiceDefinition<IntakeEnv> = {
  name: 'payment-intake',
  envClass: IntakeEnv,
  port: (env) => env.PAYMENT_INTAKE_PORT,
  rootModule: (env) => PaymentIntakeModule.register(env),
  database: intakeDatabase,
};
