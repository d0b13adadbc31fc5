import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { CustomersHttpController } from './customers.http-controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';

@Module({
  imports: [SitesModule],
  controllers: [CustomersHttpController],
  providers: [CustomersRepository, CustomersService],
  exports: [CustomersRepository],
})
export class CustomersModule {}
