import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { REPO } from './manifests';
import { imageProblem } from './policy-check';

// docker/: the Dockerfile builds with the one build script CI runs (test/deploy/image-build.e2e-spec.ts),
// from an exactly pinned Node 20 base, and runs as a non-root user; compose.yaml pins every image it pulls.
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

describe('docker/', () => {
  const dockerfile = read('docker/Dockerfile');

  it('Dockerfile: every stage FROM the Node 20 slim base pinned by exact version', () => {
    const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(base).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toBe('${NODE_IMAGE}');
  });

  it('Dockerfile: builds with docker/build-app.sh, runs as a numeric non-root user, starts start-service.sh', () => {
    expect(dockerfile).toMatch(/^RUN bash docker\/build-app\.sh \/out$/m);
    const user = [...dockerfile.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]).pop();
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/start-service\.sh"\]$/m);
  });

  it('.dockerignore keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.data', '.env']));
  });

  it('compose.yaml: every service pulled by a pinned tag, every Limye service from the one image with its name as command', () => {
    const compose = parse(read('docker/compose.yaml'), { merge: true }) as { services: Record<string, { image: string; command?: string[]; build?: unknown }> };
    for (const [name, s] of Object.entries(compose.services)) {
      if (s.build) {
        expect({ name, image: s.image }).toEqual({ name, image: 'limye:dev' });
        expect(s.command?.[0]).toBe(name);
      } else {
        expect({ name, problem: imageProblem(s.image) }).toEqual({ name, problem: null });
      }
    }
    const apps = fs.readdirSync(path.join(REPO, 'apps')).sort();
    expect(Object.keys(compose.services).filter((n) => compose.services[n].build).sort()).toEqual(apps);
    expect(Object.keys(compose.services).filter((n) => n.startsWith('nats-'))).toHaveLength(3);
  });
});
