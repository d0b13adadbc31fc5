import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OrganisationsHttpController } from './organisations.http-controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [OperatorsModule],
  controllers: [OrganisationsHttpController],
  providers: [OrganisationsService],
})
export class OrganisationsModule {}
