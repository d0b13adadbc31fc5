import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { PayersNatsController } from './payers.nats-controller';
import { PayersService } from './payers.service';

@Module({
  imports: [CustomersModule],
  controllers: [PayersNatsController],
  providers: [PayersService],
})
export class PayersModule {}
