import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { whyItFailed } from './supervised-process';

describe('whyItFailed (the one reason a failed start prints)', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-why-'));
    log = path.join(dir, 'svc.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const json = (o: Record<string, unknown>) => `${JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00Z', service: 'svc', ...o })}\n`;

  it("is a service's own 'service failed to start' error, not the lines around it", () => {
    fs.writeFileSync(
      log,
      json({ msg: 'Starting Nest application...' }) +
        json({ level: 'error', context: 'ExceptionHandler', msg: 'LOCATIONS_FILE=/x: cannot read the file' }) +
        json({ level: 'fatal', msg: 'service failed to start', error: 'LOCATIONS_FILE=/x: cannot read the file', stack: 'Error: …' }),
    );
    expect(whyItFailed(log)).toBe('LOCATIONS_FILE=/x: cannot read the file');
  });

  it('is what it printed that is not a JSON log line (env validation, nats-server, PostgreSQL), from this start only', () => {
    fs.writeFileSync(log, 'svc: invalid configuration:\n  OLD="1": from an earlier start\n' + json({ level: 'error', msg: 'unhandled rejection' }));
    const offset = fs.statSync(log).size;
    fs.appendFileSync(log, 'svc: invalid configuration:\n  PORT="abc": PORT must be an integer number\n');
    expect(whyItFailed(log, offset)).toBe('svc: invalid configuration:\n  PORT="abc": PORT must be an integer number');
  });

  it('is the last lines when there is nothing better, and says so when there is no log', () => {
    fs.writeFileSync(log, Array.from({ length: 30 }, (_, i) => json({ msg: `line ${i}` })).join(''));
    const why = whyItFailed(log, 0, 3).split('\n');
    expect(why).toHaveLength(3);
    expect(why[2]).toContain('line 29');
    expect(whyItFailed(path.join(dir, 'missing.log'))).toBe('(no log)');
  });
});
