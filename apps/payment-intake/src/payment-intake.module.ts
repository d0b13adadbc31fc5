import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Streams, WorkQueues } from '@limye/contracts';
import { AuditModule, JetStreamConnection, OutboxPublisher, PlatformModule } from '@limye/platform';
import { IntakeEnv } from './config/intake.env';
import { intakeDatabase } from './database/intake.database';
import { Checkout } from './moncash/checkout.entity';
import { MonCashClient } from './moncash/moncash.client';
import { MonCashHttpController } from './moncash/moncash.http-controller';
import { MonCashIntakeService } from './moncash/moncash-intake.service';
import { MonCashReconciler } from './moncash/moncash.reconciler';
import { DeliveryFinishedListener } from './payments/delivery-finished.listener';
import { PaymentEvent } from './payments/payment-event.entity';
import { PaymentQueryService } from './payments/payment-query.service';
import { Payment } from './payments/payment.entity';
import { PaymentProcessor } from './payments/payment.processor';
import { PaymentStore } from './payments/payment.store';
import { PaymentWorker } from './payments/payment.worker';
import { PaymentBacklogMetrics } from './payments/payment-backlog.metrics';
import { PaymentsHttpController } from './payments/payments.http-controller';

@Module({})
export class PaymentIntakeModule {
  static register(env: IntakeEnv): DynamicModule {
    return {
      module: PaymentIntakeModule,
      imports: [
        PlatformModule.forRoot({ service: 'payment-intake', env, database: intakeDatabase }), AuditModule,
        TypeOrmModule.forFeature([Payment, PaymentEvent, Checkout]),
      ],
      controllers: [MonCashHttpController, PaymentsHttpController],
      providers: [
        MonCashClient,
        PaymentStore,
        PaymentProcessor,
        PaymentWorker,
        PaymentBacklogMetrics,
        DeliveryFinishedListener,
        MonCashIntakeService,
        MonCashReconciler,
        PaymentQueryService,
        {
          provide: OutboxPublisher,
          inject: [getDataSourceToken(), JetStreamConnection],
          useFactory: (ds: DataSource, js: JetStreamConnection) => new OutboxPublisher(ds, js, { name: WorkQueues.paymentOutbox, streams: [Streams.payments] }),
        },
      ],
    };
  }
}
