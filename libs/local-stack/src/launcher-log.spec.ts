import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import { launcherLog } from './launcher-log';

const tick = () => new Promise((r) => setTimeout(r, 100));

describe('launcherLog (npm start | tee, then Ctrl-C; or the terminal closed)', () => {
  it('never throws when the reader of its output is gone (EPIPE), and keeps every line in its file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-log-'));
    const file = path.join(dir, 'logs', 'launcher.log');
    // A real pipe whose reading end is closed, as after the Ctrl-C that ended tee too.
    const reader = spawn(process.execPath, ['-e', 'require("fs").closeSync(0); console.log("closed"); setTimeout(() => {}, 20000)'], { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      await new Promise((r) => reader.stdout!.once('data', r));
      const out = reader.stdin!;
      const log = launcherLog(file, out);
      log('SIGINT: stopping every service, then NATS and PostgreSQL…');
      await tick(); // the write's EPIPE comes as an 'error' event: unheard, Node throws it
      log('stopped eligibility');
      log('stopped.');
      await tick();
      expect((out as unknown as { errored?: NodeJS.ErrnoException }).errored?.code).toBe('EPIPE'); // the pipe really was broken
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
        '[limye] SIGINT: stopping every service, then NATS and PostgreSQL…',
        '[limye] stopped eligibility',
        '[limye] stopped.',
      ]);
    } finally {
      reader.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a line to the screen and another to its file when told to (the banner\'s demo API key)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-log-'));
    const file = path.join(dir, 'launcher.log');
    const shown: string[] = [];
    const out = new Writable({ write: (chunk: Buffer, _e: string, done: () => void) => (shown.push(chunk.toString()), done()) });
    try {
      const log = launcherLog(file, out);
      log('  API key lky_abc_SECRET', '  API key lky_abc_…');
      log('plain');
      expect(shown).toEqual(['[limye]   API key lky_abc_SECRET\n', '[limye] plain\n']);
      const kept = fs.readFileSync(file, 'utf8');
      expect(kept).not.toContain('SECRET');
      expect(kept.trim().split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual(['[limye]   API key lky_abc_…', '[limye] plain']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
