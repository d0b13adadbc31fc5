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
  apiDocs: {
    title: 'Limye payment intake',
    description: `Takes mobile-money payments in, confirms them with the provider, and drives each one to the customer's device: RECEIVED → VERIFIED → MATCHED → ALLOCATED → DELIVERED, or one of UNMATCHED, REJECTED, FAILED (docs/operations.md explains each state and what an operator does about it).

This version speaks MonCash (Digicel Haiti):
- **MonCash** calls the Alert URL (\`/v1/providers/moncash/alert\`) and sends the payer's browser to the Return URL (\`/v1/providers/moncash/return\`). Neither call is trusted: each is only a hint. A payment counts only once MonCash's own \`RetrieveTransactionPayment\` reports it \`successful\`.
- **Operators and apps** start a checkout (\`POST /v1/checkout/moncash\`), follow payments, list them by state, and retry the ones that need a person (\`POST /v1/payments/{id}/retry\`).

The checkout takes and returns HTG in major units as a decimal string ("250.50"); payments carry integer minor units (\`amountMinor\`, HTG centimes).

Events: each payment that reaches DELIVERED is announced once on JetStream, subject \`payments.v1.completed\` (stream \`PAYMENTS\`, \`Nats-Msg-Id\` = \`eventId\` = payment id; body \`PaymentCompletedEvent\` of libs/contracts/src/payment.events.ts; written to the outbox in the DELIVERED transaction, published in order, at least once: consumers dedupe on \`eventId\`).`,
  },
  // The alert every payment brings, ahead of Express and Nest (its usual JSON POST only).
  fastRoutes: (app) => [moncashAlertFastRoute(app)],
};
