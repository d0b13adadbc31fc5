import { Module } from '@nestjs/common';
import { BalancesHttpController } from './balances.http-controller';
import { BalancesRepository } from './balances.repository';
import { BalancesService } from './balances.service';

@Module({
  controllers: [BalancesHttpController],
  providers: [BalancesRepository, BalancesService],
})
export class BalancesModule {}
