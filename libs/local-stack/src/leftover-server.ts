import { isAlive, readProcessRecord, sameProcess, thisProcess, writeProcessRecord } from './process-record';

/**
 * A nats-server or PostgreSQL found running on our store/cluster before we start ours. It is stopped as
 * a leftover only when the launcher that started it (recorded in `ownerFile` at each start) is no longer
 * alive — or is this one. A server of a launcher still running, or one no launcher recorded (started by
 * hand), is left alone: the start fails with a line saying whose it is and how to stop it.
 */
export function mayStopLeftover(name: string, serverPid: number, where: string, ownerFile: string): void {
  const owner = readProcessRecord(ownerFile);
  if (owner && (!isAlive(owner) || sameProcess(owner, thisProcess()))) return;
  if (owner) {
    throw new Error(`the ${name} on ${where} (pid ${serverPid}) belongs to another Limye launcher that is still running (pid ${owner.pid}): stop that one first (Ctrl-C in its terminal, or kill ${owner.pid})`);
  }
  throw new Error(`a ${name} not started by a Limye launcher (pid ${serverPid}) runs on ${where}: stop it first (kill ${serverPid})`);
}

/** Records this launcher as the one that starts the server on this store/cluster (see mayStopLeftover). */
export function recordOwner(ownerFile: string): void {
  writeProcessRecord(ownerFile);
}
