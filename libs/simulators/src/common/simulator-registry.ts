import { Injectable } from '@nestjs/common';

/** One simulator as the rest of the library sees it: its name and how it goes back to its start state. */
export interface RunningSimulator {
  readonly name: string;
  /** Back to the start state (seeded data, default settings); `POST /sandbox/reset` calls it. */
  reset(): void;
}

/**
 * The simulators this app runs. Each simulator module adds itself when it starts (onModuleInit), so
 * `POST /sandbox/reset` resets what runs, whichever simulators `SimulatorsModule.forRoot({ only })` chose.
 */
@Injectable()
export class SimulatorRegistry {
  private readonly simulators = new Map<string, RunningSimulator>();

  add(simulator: RunningSimulator): void {
    if (this.simulators.has(simulator.name)) throw new Error(`two simulators are named "${simulator.name}"`);
    this.simulators.set(simulator.name, simulator);
  }

  names(): string[] {
    return [...this.simulators.keys()];
  }

  /** Every simulator back to its start state, in the order they started. */
  resetAll(): void {
    for (const s of this.simulators.values()) s.reset();
  }
}
