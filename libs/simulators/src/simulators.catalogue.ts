import type { INestApplication, Type } from '@nestjs/common';
import type { BodyTypeRule, FastJsonRoute } from '@limye/platform';
import { MONCASH_BODY_TYPES } from './moncash/moncash.body-types';
import { moncashFastRoutes } from './moncash/moncash.fast-routes';
import { MoncashModule } from './moncash/moncash.module';
import { RwandaModule } from './rwanda/rwanda.module';
import { SPARKMETER_BODY_TYPES } from './sparkmeter/sparkmeter.body-types';
import { koiosFastRoutes } from './sparkmeter/koios.fast-routes';
import { SparkmeterModule } from './sparkmeter/sparkmeter.module';

/**
 * Every simulator of the library, one entry per outside system (one folder each). A new simulator is a
 * new folder and one line here (docs/sandbox.md, "Adding a simulator").
 */
export const SIMULATORS = [
  { name: 'moncash', module: MoncashModule, bodyTypes: MONCASH_BODY_TYPES, fastRoutes: moncashFastRoutes },
  { name: 'sparkmeter', module: SparkmeterModule, bodyTypes: SPARKMETER_BODY_TYPES, fastRoutes: koiosFastRoutes },
  { name: 'rwanda', module: RwandaModule, bodyTypes: [] },
] as const satisfies readonly SimulatorDefinition[];

export interface SimulatorDefinition {
  /** What `startSimulators({ only })` and SimulatorsModule.forRoot({ only }) call it. */
  name: string;
  /** Its Nest module: controllers (vendor API and control API), services, stores. */
  module: Type<unknown>;
  /** Its vendor routes that take bodies other than JSON (forms), as the real system does. */
  bodyTypes: readonly BodyTypeRule[];
  /** Its hot vendor routes answered ahead of Express and Nest (installFastJsonRoutes), built from the app's providers. */
  fastRoutes?: (app: INestApplication) => FastJsonRoute[];
}

export type SimulatorName = (typeof SIMULATORS)[number]['name'];

/** The form routes of every simulator, for the app's body parsing (installBodyParsing / bootstrapService). */
export const SIMULATOR_BODY_TYPES: BodyTypeRule[] = SIMULATORS.flatMap((s) => [...s.bodyTypes]);

/** The fast routes of the chosen simulators (every one when `only` is not given), for installFastJsonRoutes. */
export function simulatorFastRoutes(app: INestApplication, only?: readonly string[]): FastJsonRoute[] {
  return chooseSimulators(only).flatMap((s) => s.fastRoutes?.(app) ?? []);
}

/** The chosen simulators, in catalogue order; every one when `only` is not given. Throws on an unknown name. */
export function chooseSimulators(only?: readonly string[]): SimulatorDefinition[] {
  if (!only) return [...SIMULATORS];
  const known = SIMULATORS.map((s) => s.name as string);
  const unknown = only.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown simulator ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return SIMULATORS.filter((s) => only.includes(s.name));
}
