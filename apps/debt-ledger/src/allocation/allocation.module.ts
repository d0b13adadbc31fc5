import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module';
import { AllocationNatsController } from './allocation.nats-controller';
import { AllocationService } from './allocation.service';

@Module({
  imports: [JournalModule],
  controllers: [AllocationNatsController],
  providers: [AllocationService],
})
export class AllocationModule {}
