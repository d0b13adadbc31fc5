import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataDirInUseError, DataDirLock } from './data-dir-lock';
import { processStartTime } from './process-record';

describe('DataDirLock (one launcher per data folder)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-lock-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lockFile = () => path.join(dir, 'data', 'launcher.lock');

  it('a second taker while the holder lives is refused, naming the pid and how to stop it; after release it is free', () => {
    const first = DataDirLock.take(path.join(dir, 'data'));
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toEqual({ pid: process.pid, startTime: processStartTime(process.pid) });
    let err: unknown;
    try {
      DataDirLock.take(path.join(dir, 'data'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirInUseError);
    expect((err as Error).message).toBe(
      `another Limye launcher (npm start, pid ${process.pid}) is running on ${path.join(dir, 'data')}: stop it first (Ctrl-C in its terminal, or kill ${process.pid}), or give this one its own data folder with LIMYE_DATA_DIR=<folder>`,
    );
    first.release();
    expect(fs.existsSync(lockFile())).toBe(false);
    DataDirLock.take(path.join(dir, 'data')).release();
  });

  it('the lock of a launcher that has died (kill -9) is taken over, also when its pid now belongs to another process', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: Number(dead.stdout), startTime: '1' }));
    const lock = DataDirLock.take(path.join(dir, 'data'));
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    lock.release();

    // Our own pid, but another start time: the recorded launcher is gone and its pid was reused.
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, startTime: '1' }));
    DataDirLock.take(path.join(dir, 'data')).release();
    expect(fs.readdirSync(path.join(dir, 'data'))).toEqual([]); // no temporary or stale copies left
  });

  it('release leaves alone a lock that is no longer its own', () => {
    const lock = DataDirLock.take(path.join(dir, 'data'));
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: 1, startTime: processStartTime(1) }));
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(true);
  });
});
