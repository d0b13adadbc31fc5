import { readFileSync } from 'fs';
import { rename, writeFile } from 'fs/promises';

/** Marks a file as the sandbox's own, so a stray JSON file in the folder is refused rather than misread. */
const FORMAT = 'limye-sandbox-state';
/** Bumped when a simulator's saved shape changes in a way old files cannot be read as. */
export const STATE_FORMAT_VERSION = 1;

interface StateEnvelope {
  format: typeof FORMAT;
  version: number;
  /** Which simulator's state this is (the file's own name, kept inside in case the file is renamed). */
  name: string;
  savedAt: string;
  state: unknown;
}

/**
 * A state file that exists but cannot be used. The sandbox then does not start (rather than start empty
 * and answer "unknown customer" for what it knew): the message names the file, what is wrong, and the way out.
 */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `sandbox state file ${file} ${problem}. Fix it, or delete it to start that simulator from its start state ` +
        `(deleting the whole folder resets every simulator)`,
    );
    this.name = 'StateFileError';
  }
}

/** The state saved in `file` for `name`, or undefined when there is no such file (a first start). */
export function readStateFile(file: string, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, `cannot be read (${(err as Error).message})`);
  }
  let parsed: Partial<StateEnvelope>;
  try {
    parsed = JSON.parse(text) as Partial<StateEnvelope>;
  } catch (err) {
    throw new StateFileError(file, `is not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.format !== FORMAT || parsed.name !== name) {
    throw new StateFileError(file, `is not the sandbox's saved "${name}" state`);
  }
  if (parsed.version !== STATE_FORMAT_VERSION) {
    throw new StateFileError(file, `has format version ${String(parsed.version)}; this sandbox reads version ${STATE_FORMAT_VERSION}`);
  }
  return parsed.state;
}

/**
 * Replaces `file` atomically: the JSON goes to a temporary file next to it, which is then renamed over
 * it, so a crash mid-write leaves the previous state, never half a file. One writer per file at a time
 * (the state store sees to it), hence one fixed temporary name. No fsync: this survives the sandbox
 * being killed, not necessarily a power cut, which is enough for a simulator.
 */
export async function writeStateFile(file: string, name: string, state: unknown): Promise<void> {
  const envelope: StateEnvelope = { format: FORMAT, version: STATE_FORMAT_VERSION, name, savedAt: new Date().toISOString(), state };
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(envelope));
  await rename(temporary, file);
}
