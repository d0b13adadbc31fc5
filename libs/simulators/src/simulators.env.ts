import { IsInt, IsNotEmpty, IsString, Max, Min, Matches } from 'class-validator';
import { BaseServiceEnv } from '@limye/platform';

const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * The simulators' settings, read from the sandbox's environment (docs/sandbox.md). Credentials are the
 * ones callers must present to the simulators; tests override any of them (startSimulators({ env })).
 */
export class SimulatorsEnv extends BaseServiceEnv {
  @IsString() @IsNotEmpty()
  MONCASH_CLIENT_ID: string = 'sandbox-client';

  @IsString() @IsNotEmpty()
  MONCASH_CLIENT_SECRET: string = 'sandbox-secret';

  @Matches(HTTP_URL, { message: 'MONCASH_ALERT_URL must be an http(s) URL' })
  MONCASH_ALERT_URL: string = 'http://127.0.0.1:3001/v1/providers/moncash/alert';

  @Matches(HTTP_URL, { message: 'MONCASH_RETURN_URL must be an http(s) URL' })
  MONCASH_RETURN_URL: string = 'http://127.0.0.1:3001/v1/providers/moncash/return';

  @IsString() @IsNotEmpty()
  SPARKMETER_KOIOS_API_KEY: string = 'sandbox-key';

  @IsString() @IsNotEmpty()
  SPARKMETER_KOIOS_API_SECRET: string = 'sandbox-secret';

  @IsString() @IsNotEmpty()
  SPARKMETER_THUNDERCLOUD_TOKEN: string = 'sandbox-token';

  /** `X-API-Key` callers must present to the OMIS simulator (`/omis/v1/...`). */
  @IsString() @IsNotEmpty()
  OMIS_API_KEY: string = 'sandbox-omis-key';

  /** `X-API-Key` callers must present to the MEIS simulator (`/meis/v1/...`). */
  @IsString() @IsNotEmpty()
  MEIS_API_KEY: string = 'sandbox-meis-key';

  /** Rwanda's administrative units (`provinces[].districts[].sectors[].cells[].villages[]`). Empty: the project's own `data/rwanda-locations.json`. */
  @IsString()
  RWANDA_LOCATIONS_FILE: string = '';

  /** Households in the simulated MEIS registry, generated in memory at start and on reset. */
  @IsInt() @Min(1) @Max(200_000)
  SANDBOX_RWANDA_HOUSEHOLDS: number = 5000;

  /** Seed of the generated population: the same seed gives the same households, IDs and OMIS history. */
  @IsInt() @Min(0) @Max(4_294_967_295)
  SANDBOX_RWANDA_SEED: number = 20261122;

  /**
   * Folder where the simulators save their state (one JSON file each) and reload it at start, so a restart
   * keeps customers, credits, orders and sales. Empty: state in memory only (tests). `npm start` sets
   * `.data/sandbox`. Faults and the behaviour settings are never saved.
   */
  @IsString()
  SANDBOX_STATE_DIR: string = '';
}
