import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { defaultRwandaLocationsFile, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { RwandaLocations } from './rwanda-locations';

/**
 * Loads LOCATIONS_FILE while the app initialises. A bad file makes the start fail with an error naming
 * LOCATIONS_FILE; done in onModuleInit (not in a provider factory) so that the failure reaches the
 * bootstrap like any start-up error instead of Nest's abort-on-error exit.
 */
@Injectable()
export class LocationsFileLoader implements OnModuleInit {
  private readonly logger = new Logger(LocationsFileLoader.name);

  constructor(
    private readonly locations: RwandaLocations,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  onModuleInit(): void {
    const configured = this.env.LOCATIONS_FILE !== '';
    const file = configured ? this.env.LOCATIONS_FILE : defaultRwandaLocationsFile();
    this.locations.useFrom(RwandaLocations.load(file, configured));
    const t = this.locations.tree;
    this.logger.log({ msg: 'Rwanda locations loaded', file, provinces: t.provinces.length, skippedWithoutName: this.locations.skipped.length });
  }
}

/** Rwanda's administrative units from LOCATIONS_FILE, in memory. */
@Module({
  providers: [{ provide: RwandaLocations, useFactory: () => new RwandaLocations() }, LocationsFileLoader],
  exports: [RwandaLocations],
})
export class LocationsModule {}
