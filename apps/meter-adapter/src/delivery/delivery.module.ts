import { Module } from '@nestjs/common';
import { DriversModule } from '../drivers/drivers.module';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryHttpController } from './delivery.http-controller';
import { DeliveryNatsController } from './delivery.nats-controller';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { DeliveryBacklogMetrics } from './delivery-backlog.metrics';
import { DeliveryWorker } from './delivery.worker';

@Module({
  imports: [DriversModule],
  controllers: [DeliveryHttpController, DeliveryNatsController],
  providers: [DeliveryRepository, DeliveryAttemptService, DeliveryService, DeliveryWorker, DeliveryBacklogMetrics],
})
export class DeliveryModule {}
