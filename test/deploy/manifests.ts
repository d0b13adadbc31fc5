import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The repository's root and its k8s/ folder. */
export const REPO = path.resolve(__dirname, '../..');
export const K8S = path.join(REPO, 'k8s');

/** A Kubernetes object as rendered: only the fields every check reads are typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `Kind/name`: how every problem names the object it is about. */
export function objectName(o: K8sObject): string {
  return `${o.kind}/${o.metadata?.name ?? '(no name)'}`;
}

/** Parses a multi-document YAML text; a document that does not parse throws with its position. */
export function parseManifests(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${source}: document ${i + 1}: ${doc.errors[0].message}`);
    const value = doc.toJS() as K8sObject | null;
    return value ? [value] : [];
  });
}

/**
 * `kubectl kustomize <dir>`: what `kubectl apply -k` would send. kubectl's own error (a missing file, a
 * patch that matches nothing, bad YAML) is the thrown message.
 */
export function renderKustomization(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync(kubectl(), ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim();
    throw new Error(`kubectl kustomize ${path.relative(REPO, dir) || dir} failed: ${stderr}`);
  }
  return parseManifests(out, `kubectl kustomize ${dir}`);
}

export function renderOverlay(overlay: string): K8sObject[] {
  return renderKustomization(path.join(K8S, 'overlays', overlay));
}

/** The overlays in k8s/overlays/. */
export function overlays(): string[] {
  return fs.readdirSync(path.join(K8S, 'overlays')).filter((d) => fs.existsSync(path.join(K8S, 'overlays', d, 'kustomization.yaml')));
}

/** The services: one folder per app in apps/. */
export function appServices(): string[] {
  return fs.readdirSync(path.join(REPO, 'apps')).filter((d) => fs.existsSync(path.join(REPO, 'apps', d, 'src', 'main.ts'))).sort();
}

/** Secrets the prod overlay references but does not contain (created by hand): k8s/secrets.example.yaml. */
export function exampleSecrets(): K8sObject[] {
  const file = path.join(K8S, 'secrets.example.yaml');
  return parseManifests(fs.readFileSync(file, 'utf8'), file);
}

function kubectl(): string {
  for (const candidate of [process.env.KUBECTL, '/usr/bin/kubectl', '/usr/local/bin/kubectl']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('kubectl is not installed: `apt-get install kubectl` (Debian package; .ci/run installs it), or set KUBECTL');
  }
}
