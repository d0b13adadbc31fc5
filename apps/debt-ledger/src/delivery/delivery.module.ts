import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module';
import { DeliveryNatsController } from './delivery.nats-controller';
import { DeliveryService } from './delivery.service';

@Module({
  imports: [JournalModule],
  controllers: [DeliveryNatsController],
  providers: [DeliveryService],
})
export class DeliveryModule {}
