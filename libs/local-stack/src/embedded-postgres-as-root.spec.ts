import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EmbeddedPostgres } from './embedded-postgres';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Runs PostgreSQL's user checks for real (spawns `test -x` as that user): only meaningful as root.
(asRoot ? describe : describe.skip)('EmbeddedPostgres as root: a data folder the postgres user cannot reach', () => {
  it('is not opened up (no chmod outside the project); the start fails naming the folder and the command', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-private-')); // 0700, like /root
    try {
      const data = path.join(outside, 'data', 'postgres');
      const lines: string[] = [];
      const pg = new EmbeddedPostgres({ dataDir: data, database: 'limye', log: (l) => lines.push(l) });
      const err = await pg.start().then(
        () => new Error('started'),
        (e: Error) => e,
      );
      await pg.stop();
      expect(err.message).toBe(
        `PostgreSQL refuses to run as root, so it runs as the 'postgres' user, which cannot enter ${outside} (mode 700) to reach ` +
          `its data (${data}). The launcher does not change folders outside the project. Let that user enter it (enter only, ` +
          `not list): chmod o+x '${outside}' — or put the clone where others can enter (e.g. /srv/limye), set LIMYE_DATA_DIR to a ` +
          `folder it can reach, run npm start as a user other than root, or set DATABASE_URL to a PostgreSQL of your own`,
      );
      expect(fs.statSync(outside).mode & 0o777).toBe(0o700);
      expect(lines).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
