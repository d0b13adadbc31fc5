import { OutboxMessage, ServiceDatabaseSpec } from '@limye/platform';
import { ProviderCallback } from '../callbacks/provider-callback.entity';
import { Checkout } from '../moncash/checkout.entity';
import { PaymentEvent } from '../payments/payment-event.entity';
import { Payment } from '../payments/payment.entity';
import { InitIntake1763800000100 } from './migrations/1763800000100-init-intake';
import { OutboxWorkQueue1764200000000 } from './migrations/1764200000000-outbox-work-queue';
import { CheckoutNextCheck1764300000000 } from './migrations/1764300000000-checkout-next-check';
import { OutboxOrganisation1765090000000 } from './migrations/1765090000000-outbox-organisation';
import { OrganisationTenancy1765090000001 } from './migrations/1765090000001-organisation-tenancy';
import { AuditLog1765200000000 } from './migrations/1765200000000-audit-log';

export const intakeDatabase: ServiceDatabaseSpec = {
  schema: 'payment_intake',
  entities: [Payment, PaymentEvent, Checkout, ProviderCallback, OutboxMessage],
  migrations: [InitIntake1763800000100, OutboxWorkQueue1764200000000, CheckoutNextCheck1764300000000, OutboxOrganisation1765090000000, OrganisationTenancy1765090000001, AuditLog1765200000000],
};
