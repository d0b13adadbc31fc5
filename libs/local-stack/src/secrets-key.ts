import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * LIMYE_SECRETS_KEY for a stack started by the launcher (npm start, tests, benchmarks) when the environment does
 * not set one: 32 random bytes, made once and kept (base64) in `<dataDir>/auth/secrets.key`, mode 0600, so the
 * organisations' sealed credentials still open after a restart. Every service is given it: each opens the
 * secrets of the systems it talks to.
 */
export function launcherSecretsKey(dataDir: string): string {
  const file = secretsKeyFile(dataDir);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (Buffer.from(kept, 'base64').length === 32) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside and renamed: a launcher stopped halfway leaves no half key to read next time.
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, `${key}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
  return key;
}

export function secretsKeyFile(dataDir: string): string {
  return path.join(dataDir, 'auth', 'secrets.key');
}
