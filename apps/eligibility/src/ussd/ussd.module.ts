import { Module } from '@nestjs/common';
import { RwandaLocations } from '../locations/rwanda-locations';
import { ProgrammeModule } from '../programme/programme.module';
import { RBF_PROGRAMME, RbfProgramme } from '../programme/rbf-programme.port';
import { UssdFlow } from './flow/ussd-flow';
import { UssdHopService } from './ussd-hop.service';
import { UssdHttpController } from './ussd.http-controller';
import { UssdSessionRepository } from './ussd-session.repository';
import { UssdSessionSweeper } from './ussd-session.sweeper';

@Module({
  imports: [ProgrammeModule], // RwandaLocations comes from the global LocationsModule
  controllers: [UssdHttpController],
  providers: [
    UssdSessionRepository,
    UssdSessionSweeper,
    UssdHopService,
    { provide: UssdFlow, inject: [RBF_PROGRAMME, RwandaLocations], useFactory: (programme: RbfProgramme, locations: RwandaLocations) => new UssdFlow(programme, locations) },
  ],
})
export class UssdModule {}
