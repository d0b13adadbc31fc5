import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultRwandaLocationsFile, projectRoot } from './project-files';

describe('project files', () => {
  it('finds the project root: the folder whose package.json is named "limye"', () => {
    const root = projectRoot();
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('limye');
    // From any folder below it too (dist/… at run time).
    expect(projectRoot(path.join(root, 'dist', 'libs', 'platform', 'src', 'config'))).toBe(root);
  });

  it('walks past a package.json of another name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-root-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'limye' }));
      fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'package.json'), JSON.stringify({ name: 'x' }));
      expect(projectRoot(path.join(dir, 'node_modules', 'x'))).toBe(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the Rwanda locations inside the project, so a fresh clone starts without anything beside it', () => {
    const file = defaultRwandaLocationsFile();
    expect(path.relative(projectRoot(), file)).toBe(path.join('data', 'rwanda-locations.json'));
    expect(Array.isArray(JSON.parse(fs.readFileSync(file, 'utf8')).provinces)).toBe(true);
  });
});
