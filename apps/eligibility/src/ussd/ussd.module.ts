import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UssdRequest } from './ussd-request.entity';
import { UssdHttpController } from './ussd.http-controller';
import { UssdService } from './ussd.service';

@Module({
  imports: [TypeOrmModule.forFeature([UssdRequest])],
  controllers: [UssdHttpController],
  providers: [UssdService],
})
export class UssdModule {}
