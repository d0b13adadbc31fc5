import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launcherSecretsKey, secretsKeyFile } from './secrets-key';

describe('the launcher-kept secrets key', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-secrets-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is 32 random bytes made once in <dataDir>/auth, readable by its owner only, and kept', () => {
    const first = launcherSecretsKey(dir);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(fs.statSync(secretsKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(launcherSecretsKey(dir)).toBe(first);
    expect(launcherSecretsKey(fs.mkdtempSync(path.join(os.tmpdir(), 'limye-secrets-key-')))).not.toBe(first);
  });

  it('replaces a file that holds no key with a new one', () => {
    fs.mkdirSync(path.join(dir, 'auth'));
    fs.writeFileSync(secretsKeyFile(dir), 'garbage');
    expect(Buffer.from(launcherSecretsKey(dir), 'base64')).toHaveLength(32);
  });
});
