import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { defaultRwandaLocationsFile, SERVICE_ENV } from '@limye/platform';
import { EligibilityEnv } from '../config/eligibility.env';
import { RwandaLocations } from './rwanda-locations';

/** LOCATIONS_FILE, or the project's data/rwanda-locations.json when it is empty. */
function locationsFile(env: EligibilityEnv): { file: string; configured: boolean } {
  const configured = env.LOCATIONS_FILE !== '';
  return { file: configured ? env.LOCATIONS_FILE : defaultRwandaLocationsFile(), configured };
}

/** Reads and checks the locations file; a bad one throws an error naming LOCATIONS_FILE. */
export function loadConfiguredLocations(env: EligibilityEnv): RwandaLocations {
  const { file, configured } = locationsFile(env);
  return RwandaLocations.load(file, configured);
}

/**
 * Rwanda's administrative units from LOCATIONS_FILE, in memory, for every module of the service. The file
 * is read when the root module is built (`forRoot`), so a bad file stops the start before any database or
 * NATS connection is opened.
 */
@Module({})
export class LocationsModule implements OnModuleInit {
  private readonly logger = new Logger('RwandaLocations');

  constructor(
    private readonly locations: RwandaLocations,
    @Inject(SERVICE_ENV) private readonly env: EligibilityEnv,
  ) {}

  static forRoot(env: EligibilityEnv): DynamicModule {
    return {
      module: LocationsModule,
      global: true,
      providers: [{ provide: RwandaLocations, useValue: loadConfiguredLocations(env) }],
      exports: [RwandaLocations],
    };
  }

  /** Logged here rather than in forRoot: the service's JSON logger is in place only once Nest runs. */
  onModuleInit(): void {
    this.logger.log({
      msg: 'Rwanda locations loaded',
      file: locationsFile(this.env).file,
      provinces: this.locations.tree.provinces.length,
      skippedWithoutName: this.locations.skipped.length,
    });
  }
}
