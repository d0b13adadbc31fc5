import { createPrivateKey } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { issuerSigningKey, issuerSigningKeyFile } from './issuer-signing-key';

describe('the launcher-kept issuer signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-issuer-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once as an EC P-256 PKCS#8 key in <dataDir>/auth, readable by its owner only, and kept', () => {
    const first = issuerSigningKey(dir);
    const key = createPrivateKey(first);
    expect([key.asymmetricKeyType, key.asymmetricKeyDetails?.namedCurve]).toEqual(['ec', 'prime256v1']);
    expect(fs.statSync(issuerSigningKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(issuerSigningKey(dir)).toBe(first);
    expect(fs.readdirSync(path.join(dir, 'auth'))).toEqual(['signing-key.pem']);
  });

  it('replaces a file that holds no key (an empty one) with a new key', () => {
    fs.mkdirSync(path.join(dir, 'auth'));
    fs.writeFileSync(issuerSigningKeyFile(dir), '');
    expect(issuerSigningKey(dir)).toContain('-----BEGIN PRIVATE KEY-----');
  });
});
