import * as fs from 'fs';
import * as path from 'path';

/**
 * The project's root folder (the one whose package.json is named "limye"), found by walking up from this
 * file; works the same from `src/` under ts-jest and from `dist/` at run time.
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'limye') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * Rwanda's administrative units (provinces → villages), the project's own `data/rwanda-locations.json`
 * (source and licence: data/README.md). The default of LOCATIONS_FILE (eligibility) and
 * RWANDA_LOCATIONS_FILE (sandbox); operators point those at another file to override it.
 */
export function defaultRwandaLocationsFile(): string {
  return path.join(projectRoot(), 'data', 'rwanda-locations.json');
}
