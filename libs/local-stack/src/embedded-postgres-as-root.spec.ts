import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EmbeddedPostgres } from './embedded-postgres';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Starts PostgreSQL for real as the postgres user: only meaningful as root (CI, a container).
(asRoot ? describe : describe.skip)('EmbeddedPostgres as root: a data folder under a 0700 folder (/root, a mktemp -d)', () => {
  jest.setTimeout(60000);

  it('lets the postgres user enter the folders on the way (o+x, enter only), says so for each, and starts', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-private-')); // 0700, like /root
    const lines: string[] = [];
    const pg = new EmbeddedPostgres({ dataDir: path.join(outside, 'data', 'postgres'), database: 'limye', log: (l) => lines.push(l) });
    try {
      await pg.start();
      expect(fs.statSync(outside).mode & 0o777).toBe(0o701);
      expect(lines).toContainEqual(expect.stringContaining(`let the postgres user enter ${outside} (added o+x: enter only, not list`));
    } finally {
      await pg.stop();
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
