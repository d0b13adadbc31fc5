import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** An embedded PostgreSQL of its own (not the shared test server), to read what it writes to its log. */
describe('the embedded PostgreSQL log', () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let logFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-pglog-'));
    fs.chmodSync(dir, 0o755); // the postgres user (when we are root) must reach its data below
    logFile = path.join(dir, 'postgres.log');
    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'limye_log_test', persistent: false, logFile });
  });
  afterAll(async () => {
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the error of a duplicate phone or bad jsonb, but not the phone or the data (no DETAIL, CONTEXT or STATEMENT)', async () => {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE agents (phone text UNIQUE, state jsonb)');
      await client.query('INSERT INTO agents (phone) VALUES ($1)', ['+250788999001']);
      await expect(client.query('INSERT INTO agents (phone) VALUES ($1)', ['+250788999001'])).rejects.toThrow(/duplicate key/);
      await expect(client.query('INSERT INTO agents (phone, state) VALUES ($1, $2::jsonb)', ['x', '{"nid":"1197884914836092","s":"\\ud800"}'])).rejects.toThrow(/json/);
      await expect(client.query(`SELECT 1 FROM agents WHERE phone = '+250788999002' AND state = '{"nid":"1197884914836093"'::jsonb`)).rejects.toThrow(/json/);
    } finally {
      await client.end();
    }
    await pg.stop(); // flushes the log
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toMatch(/ERROR: {2}duplicate key value violates unique constraint/);
    for (const secret of ['+250788999001', '+250788999002', '1197884914836092', '1197884914836093']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/DETAIL:|CONTEXT:|STATEMENT:/);
  });
});
