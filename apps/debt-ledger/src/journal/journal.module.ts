import { Module } from '@nestjs/common';
import { JournalHttpController } from './journal.http-controller';
import { JournalRepository } from './journal.repository';
import { JournalService } from './journal.service';

@Module({
  controllers: [JournalHttpController],
  providers: [JournalRepository, JournalService],
  exports: [JournalService],
})
export class JournalModule {}
