import * as fs from 'fs';

/**
 * A process as recorded in a file (the launcher holding a data folder, the launcher that started a
 * nats-server or PostgreSQL): its pid and, on Linux, its start time, so that a pid reused by another
 * process since is not taken for the one recorded.
 */
export interface ProcessRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent where there is no /proc. */
  startTime?: string;
}

/** When `pid` started (see ProcessRecord), or undefined without /proc or when it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function thisProcess(): ProcessRecord {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

/** True while the recorded process runs (the same one: a reused pid has another start time). */
export function isAlive(p: ProcessRecord): boolean {
  try {
    process.kill(p.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: it exists, another user's
  }
  const now = processStartTime(p.pid);
  return !p.startTime || !now || now === p.startTime;
}

export function sameProcess(a: ProcessRecord, b: ProcessRecord): boolean {
  return a.pid === b.pid && (a.startTime ?? '') === (b.startTime ?? '');
}

/** The record in `file`, or undefined when there is none or it is not one. */
export function readProcessRecord(file: string): ProcessRecord | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ProcessRecord>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0) return undefined;
    return { pid: v.pid as number, startTime: typeof v.startTime === 'string' ? v.startTime : undefined };
  } catch {
    return undefined;
  }
}

export function writeProcessRecord(file: string, p: ProcessRecord = thisProcess()): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(p)}\n`);
  fs.renameSync(tmp, file);
}
