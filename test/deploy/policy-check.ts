import { K8sObject, objectName } from './manifests';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Kinds that run containers from a pod template, and where that template is. */
const WORKLOADS: Record<string, (o: any) => any> = {
  Deployment: (o) => o.spec?.template,
  StatefulSet: (o) => o.spec?.template,
  DaemonSet: (o) => o.spec?.template,
  Job: (o) => o.spec?.template,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template,
};

/**
 * What every workload must have, whatever its schema allows: an image pinned by tag (not `latest`, not
 * untagged) or digest; readiness and liveness probes (long-running kinds); CPU and memory requests and
 * limits; a non-root user, no privilege escalation, a read-only root filesystem, every capability
 * dropped and the RuntimeDefault seccomp profile. Each problem names the object, the container and the field.
 */
export function policyProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    // Operators' kinds run images too: CloudNativePG's PostgreSQL and PgBouncer must be pinned as well.
    for (const [field, image] of operatorImages(o)) {
      const problem = imageProblem(image);
      if (problem) problems.push(`${objectName(o)} (${field}): ${problem}`);
    }
    const template = WORKLOADS[o.kind]?.(o);
    if (!WORKLOADS[o.kind]) continue;
    if (!template?.spec) {
      problems.push(`${objectName(o)}: no pod template`);
      continue;
    }
    const pod = template.spec;
    const longRunning = o.kind !== 'Job' && o.kind !== 'CronJob';
    const containers: [string, any][] = [
      ...((pod.initContainers ?? []) as any[]).map((c, i): [string, any] => [`initContainers/${i}`, c]),
      ...((pod.containers ?? []) as any[]).map((c, i): [string, any] => [`containers/${i}`, c]),
    ];
    for (const [where, c] of containers) {
      const at = (field: string) => `${objectName(o)} container ${c.name} (spec.template.spec.${where.replace('/', '[')}]${field ? `.${field}` : ''})`;
      const image = imageProblem(c.image);
      if (image) problems.push(`${at('image')}: ${image}`);
      if (longRunning && where.startsWith('containers')) {
        if (!c.readinessProbe) problems.push(`${at('readinessProbe')}: no readiness probe`);
        if (!c.livenessProbe) problems.push(`${at('livenessProbe')}: no liveness probe`);
      }
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined) problems.push(`${at(`resources.${kind}.${resource}`)}: not set`);
        }
      }
      const sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) problems.push(`${at('securityContext.runAsNonRoot')}: must be true (here or in the pod's securityContext)`);
      const user = sc.runAsUser ?? pod.securityContext?.runAsUser;
      if (user === 0) problems.push(`${at('securityContext.runAsUser')}: 0 is root`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${at('securityContext.allowPrivilegeEscalation')}: must be false`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${at('securityContext.readOnlyRootFilesystem')}: must be true (mount an emptyDir where it writes)`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${at('securityContext.capabilities.drop')}: must drop ALL`);
      if (sc.privileged === true) problems.push(`${at('securityContext.privileged')}: must not be privileged`);
      if ((sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type) !== 'RuntimeDefault') {
        problems.push(`${at('securityContext.seccompProfile.type')}: must be RuntimeDefault (here or in the pod's securityContext)`);
      }
    }
  }
  return problems;
}

/** The images a CloudNativePG Cluster or Pooler runs, by field (a Cluster must name its image). */
function operatorImages(o: any): [string, unknown][] {
  if (o.apiVersion !== 'postgresql.cnpg.io/v1') return [];
  if (o.kind === 'Cluster') return [['spec.imageName', o.spec?.imageName]];
  if (o.kind === 'Pooler') {
    const containers: any[] = o.spec?.template?.spec?.containers ?? [];
    const pgbouncer = containers.find((c) => c.name === 'pgbouncer');
    return [['spec.template.spec.containers[pgbouncer].image', pgbouncer?.image]];
  }
  return [];
}

/** Why an image reference is not pinned, or null: `name:tag` (tag not latest) or `name@sha256:…`. */
export function imageProblem(image: unknown): string | null {
  if (typeof image !== 'string' || image === '') return 'no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return null;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return `"${image}" has no tag: pin a version (name:1.2.3) or a digest`;
  const tag = lastSegment.slice(colon + 1);
  if (tag === '' || tag === 'latest') return `"${image}" uses "${tag || '(empty)'}": pin a version (name:1.2.3) or a digest`;
  return null;
}
