import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule, PlatformModule } from '@limye/platform';
import { EligibilityEnv } from './config/eligibility.env';
import { eligibilityDatabase } from './database/eligibility.database';
import { LocationsModule } from './locations/locations.module';
import { ProgrammeModule } from './programme/programme.module';
import { ReportsModule } from './reports/reports.module';
import { UssdModule } from './ussd/ussd.module';

@Module({})
export class EligibilityModule {
  static register(env: EligibilityEnv): DynamicModule {
    return {
      module: EligibilityModule,
      imports: [
        PlatformModule.forRoot({ service: 'eligibility', env, database: eligibilityDatabase }), AuditModule,
        LocationsModule.forRoot(env),
        ProgrammeModule,
        UssdModule,
        ReportsModule,
      ],
    };
  }
}
