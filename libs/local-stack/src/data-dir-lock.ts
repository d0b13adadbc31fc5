import * as fs from 'fs';
import * as path from 'path';
import { isAlive, ProcessRecord, readProcessRecord, sameProcess, thisProcess } from './process-record';

/** The data folder is held by another launcher that is still running. */
export class DataDirInUseError extends Error {
  constructor(
    readonly holder: ProcessRecord,
    readonly dataDir: string,
  ) {
    super(
      `another Limye launcher (npm start, pid ${holder.pid}) is running on ${dataDir}: stop it first ` +
        `(Ctrl-C in its terminal, or kill ${holder.pid}), or give this one its own data folder with LIMYE_DATA_DIR=<folder>`,
    );
  }
}

/**
 * One launcher per data folder: two on the same NATS store and PostgreSQL cluster would stop each other's
 * servers as leftovers, for ever. The lock is `<dataDir>/launcher.lock`, holding the holder's pid and start
 * time; a lock whose holder has died (kill -9, a crash) is taken over.
 */
export class DataDirLock {
  private constructor(
    readonly file: string,
    private readonly me: ProcessRecord,
  ) {}

  /** Takes the lock on `dataDir` (created if missing), or throws DataDirInUseError naming the live holder. */
  static take(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'launcher.lock');
    const me = thisProcess();
    for (let attempt = 0; attempt < 5; attempt++) {
      if (createExclusive(file, me)) return new DataDirLock(file, me);
      const holder = readProcessRecord(file);
      if (holder && isAlive(holder)) throw new DataDirInUseError(holder, dataDir);
      // Its holder is gone. Move the stale lock aside (one rename wins if two launchers see it at once)…
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        continue; // someone else moved it first: try again
      }
      // …and check it was the stale one, not a lock just taken by a launcher that got there first.
      const moved = readProcessRecord(aside);
      if (moved && isAlive(moved)) {
        try {
          fs.linkSync(aside, file);
        } catch {
          // the slot is taken again meanwhile: its holder wins
        }
        fs.rmSync(aside, { force: true });
        throw new DataDirInUseError(moved, dataDir);
      }
      fs.rmSync(aside, { force: true });
    }
    throw new Error(`could not lock ${dataDir} (${file} keeps changing): is another launcher starting on it?`);
  }

  /** Gives the folder up (only if the lock is still ours). */
  release(): void {
    const holder = readProcessRecord(this.file);
    if (holder && sameProcess(holder, this.me)) fs.rmSync(this.file, { force: true });
  }
}

/** Creates `file` holding `me` only if it does not exist, atomically (link of a complete file). */
function createExclusive(file: string, me: ProcessRecord): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(me)}\n`);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A file system without hard links: exclusive create (a reader may briefly see it empty, as stale).
    try {
      fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
