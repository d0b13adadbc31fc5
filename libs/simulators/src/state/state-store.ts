import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'fs';
import * as path from 'path';
import { SimulatorsEnv } from '../simulators.env';
import { readStateFile, StateFileError, writeStateFile } from './state-file';

/** A simulator whose state outlives a restart: it hands out its state as plain JSON data and takes it back. */
export interface PersistentState {
  /** Its file in the state folder, without `.json`; one per simulator. */
  readonly stateName: string;
  /** Everything worth keeping, as JSON-able data. Serialised at once, so it may share the live objects. */
  saveState(): unknown;
  /** Puts saved data back, at start before any request; throws, saying what is wrong, on data it cannot use. */
  loadState(saved: unknown): void;
}

/** After a change, a save waits this long, so a burst of requests is written once, not once per request. */
export const SAVE_DELAY_MS = 500;
/**
 * Saving (snapshot + JSON.stringify) blocks the event loop for as long as the state is big: ~30 ms for
 * 20,000 payments. The wait after a save is at least this many times what it took, so saving never takes
 * more than about a tenth of the sandbox's time, however long a benchmark runs against it.
 */
const SAVE_DELAY_FACTOR = 10;

/**
 * Keeps the simulators' state in `SANDBOX_STATE_DIR` (one `<stateName>.json` per simulator) when that is
 * set, and does nothing at all when it is empty. A simulator `track`s itself at start (its file, if any,
 * is loaded into it) and says `changed` after each write; the store then saves it at most once per
 * SAVE_DELAY_MS, off the request path, and once more when the app shuts down. A file it cannot use stops
 * the start with a StateFileError. One sandbox per folder.
 */
@Injectable()
export class SimulatorStateStore implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('SandboxState');
  /** Absolute folder, or null: state in memory only. */
  readonly dir: string | null;
  private readonly parts = new Map<string, PersistentState>();
  private readonly dirty = new Set<PersistentState>();
  private timer?: NodeJS.Timeout;
  private saving?: Promise<void>;
  /** SAVE_DELAY_MS, or longer once saves get expensive (SAVE_DELAY_FACTOR). */
  private delayMs = SAVE_DELAY_MS;
  private failing = false;
  private closed = false;

  constructor(env: SimulatorsEnv) {
    this.dir = env.SANDBOX_STATE_DIR ? path.resolve(env.SANDBOX_STATE_DIR) : null;
    if (this.dir) {
      try {
        mkdirSync(this.dir, { recursive: true });
      } catch (err) {
        throw new Error(`SANDBOX_STATE_DIR: cannot create ${this.dir}: ${(err as Error).message}`);
      }
    }
  }

  /** Loads the simulator's saved state into it (if it has any) and saves it from now on. */
  track(part: PersistentState): void {
    if (!this.dir) return;
    if (this.parts.has(part.stateName)) throw new Error(`two simulators save their state as "${part.stateName}"`);
    this.parts.set(part.stateName, part);
    const file = this.fileOf(part);
    const saved = readStateFile(file, part.stateName);
    if (saved === undefined) return;
    try {
      part.loadState(saved);
    } catch (err) {
      throw new StateFileError(file, `cannot be loaded: ${(err as Error).message}`);
    }
    this.logger.log(`state loaded from ${file}`);
  }

  /** The simulator's state changed: it is saved within SAVE_DELAY_MS (more for a big state). Costs a Set.add. */
  changed(part: PersistentState): void {
    if (this.closed || !this.parts.has(part.stateName)) return;
    this.dirty.add(part);
    this.scheduleSave();
  }

  /** Saves every change now (after a save under way), rather than after the delay. */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size > 0) await this.saveDirty();
  }

  /** Before the HTTP server closes, in case closing it takes longer than the shutdown deadline allows. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** After it closed: what the last requests changed. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private fileOf(part: PersistentState): string {
    return path.join(this.dir as string, `${part.stateName}.json`);
  }

  private scheduleSave(): void {
    if (this.timer || this.saving || this.dirty.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveDirty();
    }, this.delayMs);
  }

  private saveDirty(): Promise<void> {
    const parts = [...this.dirty];
    this.dirty.clear();
    const run = (async () => {
      let busyMs = 0;
      for (const part of parts) busyMs += await this.save(part);
      this.delayMs = Math.max(SAVE_DELAY_MS, Math.round(busyMs * SAVE_DELAY_FACTOR));
    })();
    this.saving = run.finally(() => {
      this.saving = undefined;
      // Changes made while writing (or a failed write) get the next save.
      if (!this.closed) this.scheduleSave();
    });
    return this.saving;
  }

  /** Writes one simulator's file; answers how long it held the event loop (snapshot and serialisation). */
  private async save(part: PersistentState): Promise<number> {
    const file = this.fileOf(part);
    const started = performance.now();
    let busyMs = 0;
    try {
      // Everything up to writeStateFile's first await runs now, synchronously: that is the cost.
      const written = writeStateFile(file, part.stateName, part.saveState());
      busyMs = performance.now() - started;
      await written;
      if (this.failing) this.logger.log(`state saved again (${file})`);
      this.failing = false;
    } catch (err) {
      // Still to save: retried after the delay. Logged once per run of failures, not on every retry.
      this.dirty.add(part);
      if (!this.failing) this.logger.warn(`cannot save state to ${file}: ${(err as Error).message}; retrying after each delay`);
      this.failing = true;
    }
    return busyMs;
  }
}

/** A list from a saved state, or an error naming what should have been one (for loadState). */
export function savedList<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value as T[];
}
