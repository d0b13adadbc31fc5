import * as fs from 'fs';
import * as path from 'path';
import { BaseServiceEnv } from '@limye/platform';
import { K8sObject, objectName, REPO } from './manifests';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A variable a service cannot run without in a cluster, and why. */
export interface RequiredVariable {
  name: string;
  reason: string;
}

/**
 * The variables a service needs set in a cluster, read from its env class (apps/<service>/src/config/*.env.ts):
 * one without a default; one whose default points at this machine (127.0.0.1, localhost: the sandbox, the
 * local NATS or PostgreSQL), which in a pod reaches nothing; and a credential whose default is the sandbox's
 * test value.
 */
export function requiredVariables(service: string): RequiredVariable[] {
  const env = new (envClassOf(service))() as unknown as Record<string, unknown>;
  const required: RequiredVariable[] = [];
  // Variables a default is fine for elsewhere but production requires (customer-registry's AUTH_SIGNING_KEY):
  // those its own cross-field check names when NODE_ENV=production and everything else is left at its default.
  const inProduction = Object.assign(new (envClassOf(service))(), { NODE_ENV: 'production' }).crossFieldProblems();
  for (const name of Object.keys(env)) {
    if (inProduction.some((p) => p.startsWith(`${name} is required`))) required.push({ name, reason: 'it is required when NODE_ENV=production' });
  }
  for (const [name, value] of Object.entries(env)) {
    if (UNUSED[service]?.includes(name)) continue;
    if (value === undefined || value === null) required.push({ name, reason: 'it has no default' });
    else if (typeof value === 'string' && /(127\.\d+\.\d+\.\d+|localhost|\[::1\])/.test(value)) required.push({ name, reason: `its default (${name.includes('URL') && /:\/\/[^/]*@/.test(value) ? 'a local database' : value}) is this machine` });
    else if (typeof value === 'string' && value !== '' && /SECRET|PASSWORD|TOKEN|KEY/.test(name)) required.push({ name, reason: 'it is a credential (the default is the sandbox\'s test value)' });
  }
  return required;
}

/**
 * Variables a service validates but never uses: the sandbox keeps no database and uses no NATS
 * (apps/sandbox/src/main.ts: no `database`, `nats: false`; the spec checks that this still holds).
 */
export const UNUSED: Record<string, string[]> = {
  sandbox: ['DATABASE_URL', 'DATABASE_MIGRATIONS_URL', 'NATS_URL'],
};

/** The service's env class: the class its config/*.env.ts exports that extends BaseServiceEnv. */
export function envClassOf(service: string): new () => BaseServiceEnv {
  const dir = path.join(REPO, 'apps', service, 'src', 'config');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.env.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(dir, file)) as Record<string, unknown>;
    const cls = Object.values(exported).find((v) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof BaseServiceEnv);
    if (cls) return cls as new () => BaseServiceEnv;
  }
  throw new Error(`apps/${service}/src/config: no *.env.ts exporting a class that extends BaseServiceEnv`);
}

/** Secrets created outside the manifests, by name: their keys (k8s/secrets.example.yaml; CloudNativePG's). */
export type ExternalSecrets = Map<string, string[]>;

export function externalSecrets(examples: K8sObject[]): ExternalSecrets {
  const known: ExternalSecrets = new Map([['limye-db-app', ['username', 'password', 'uri', 'host', 'port', 'dbname']]]);
  for (const s of examples as any[]) known.set(s.metadata.name, Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) }));
  return known;
}

/**
 * Every service in `services` has a Deployment of its name that runs it, and every variable it requires is
 * set (non-empty) by the container's env or an envFrom ConfigMap / Secret; every ConfigMap and Secret
 * referenced exists in the overlay or is created outside it (`external`). Problems name the Deployment and
 * the variable.
 */
export function envProblems(objects: K8sObject[], services: string[], external: ExternalSecrets): string[] {
  const problems: string[] = [];
  const find = (kind: string, name: string) => (objects as any[]).find((o) => o.kind === kind && o.metadata?.name === name);
  for (const service of services) {
    const deployment = find('Deployment', service);
    if (!deployment) {
      problems.push(`apps/${service} has no Deployment/${service}`);
      continue;
    }
    const container = (deployment.spec?.template?.spec?.containers ?? [])[0];
    if (!container) {
      problems.push(`${objectName(deployment)}: no container`);
      continue;
    }
    const runs = container.args?.[0] ?? (container.env ?? []).find((e: any) => e.name === 'LIMYE_SERVICE')?.value;
    if (runs !== service) problems.push(`${objectName(deployment)} container ${container.name}: runs "${runs}", not ${service} (args[0] or LIMYE_SERVICE)`);

    const set = new Set<string>();
    for (const e of container.env ?? []) {
      if (e.valueFrom || (e.value !== undefined && e.value !== '')) set.add(e.name);
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (ref) {
        const keys = keysOf(e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap', ref.name);
        if (!keys) problems.push(`${objectName(deployment)} env ${e.name}: ${e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap'} ${ref.name} does not exist`);
        else if (!keys.includes(ref.key)) problems.push(`${objectName(deployment)} env ${e.name}: ${ref.name} has no key ${ref.key}`);
      }
    }
    for (const from of container.envFrom ?? []) {
      const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
      const name = (from.configMapRef ?? from.secretRef)?.name;
      const keys = keysOf(kind, name, true);
      if (!keys) {
        if (!(from.configMapRef ?? from.secretRef)?.optional) problems.push(`${objectName(deployment)} envFrom: ${kind} ${name} does not exist (in the overlay${kind === 'Secret' ? ' nor in k8s/secrets.example.yaml' : ''})`);
        continue;
      }
      keys.forEach((k) => set.add(k));
    }
    for (const v of requiredVariables(service)) {
      if (!set.has(v.name)) {
        problems.push(`${objectName(deployment)}: ${v.name} is not set (required by apps/${service}: ${v.reason}); set it in its ConfigMap or Secret`);
      }
    }
  }
  return problems;

  /** The keys of a ConfigMap or Secret with a non-empty value; undefined if it exists nowhere. */
  function keysOf(kind: string, name: string, nonEmptyOnly = false): string[] | undefined {
    const o = find(kind, name);
    if (o) {
      const data: Record<string, string> = { ...(o.data ?? {}), ...(o.stringData ?? {}) };
      return Object.keys(data).filter((k) => !nonEmptyOnly || (data[k] !== '' && data[k] !== null));
    }
    return kind === 'Secret' ? external.get(name) : undefined;
  }
}
