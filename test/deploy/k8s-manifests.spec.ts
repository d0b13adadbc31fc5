import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { envProblems, externalSecrets, requiredVariables, UNUSED } from './env-check';
import { appServices, exampleSecrets, K8sObject, overlays, renderKustomization, renderOverlay } from './manifests';
import { imageProblem, policyProblems } from './policy-check';
import { schemaProblems } from './schema-check';
import { sandboxService } from '../../apps/sandbox/src/sandbox.service-definition';

/* eslint-disable @typescript-eslint/no-explicit-any */

// What CI checks of k8s/ (docs/operations.md "Deploying to a cluster"): every overlay renders with
// kubectl kustomize, every object validates against the Kubernetes / Prometheus Operator / CloudNativePG
// schemas, every workload passes the policy checks, every service in apps/ is deployed with every
// variable it requires. The second half feeds broken objects to each check: each must fail naming them.
jest.setTimeout(120_000);

const rendered = new Map<string, K8sObject[]>();
const render = (overlay: string) => {
  if (!rendered.has(overlay)) rendered.set(overlay, renderOverlay(overlay));
  return rendered.get(overlay)!;
};
const copy = <T>(o: T): any => JSON.parse(JSON.stringify(o));
const pick = (objects: K8sObject[], kind: string, name?: string): any => {
  const o = objects.find((x) => x.kind === kind && (name === undefined || x.metadata.name === name));
  if (!o) throw new Error(`no ${kind}${name ? `/${name}` : ''}`);
  return o;
};
/** The services each overlay must deploy: every app; prod without the sandbox. */
const servicesOf = (overlay: string) => appServices().filter((s) => overlay !== 'prod' || s !== 'sandbox');
const external = externalSecrets(exampleSecrets());

describe('k8s overlays', () => {
  it('are dev and prod', () => {
    expect(overlays().sort()).toEqual(['dev', 'prod']);
  });

  describe.each(['dev', 'prod'])('%s', (overlay) => {
    it('every object validates against its schema (Kubernetes, Prometheus Operator, CloudNativePG)', () => {
      expect(schemaProblems(render(overlay))).toEqual([]);
    });

    it('every workload: pinned image, probes, requests and limits, non-root, read-only, no capabilities', () => {
      expect(policyProblems(render(overlay))).toEqual([]);
    });

    it('every service in apps/ is deployed, with every variable it requires set', () => {
      expect(envProblems(render(overlay), servicesOf(overlay), external)).toEqual([]);
    });

    it('no Secret in the overlay holds anything but the sandbox\'s dev values', () => {
      const secrets = render(overlay).filter((o) => o.kind === 'Secret') as any[];
      if (overlay === 'prod') expect(secrets.map((s) => s.metadata.name)).toEqual([]);
      for (const s of secrets) {
        for (const [key, value] of Object.entries<string>(s.data ?? {})) expect(`${s.metadata.name}.${key}=${Buffer.from(value, 'base64').toString()}`).toMatch(/=dev-/);
        for (const [key, value] of Object.entries<string>(s.stringData ?? {})) expect(`${s.metadata.name}.${key}=${value}`).toMatch(/=dev-/);
      }
    });
  });

  it('prod: 2+ replicas of every service, no sandbox, NATS 3-node JetStream with stream replicas 3, PostgreSQL 3 instances behind PgBouncer in transaction mode', () => {
    const objects = render('prod');
    const deployments = objects.filter((o) => o.kind === 'Deployment') as any[];
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(servicesOf('prod'));
    // Each Deployment's count is its HPA's (at least 2); a fixed count in the Deployment would be reset by every apply.
    for (const d of deployments) {
      const hpa = objects.find((o: any) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === d.metadata.name) as any;
      expect({ deployment: d.metadata.name, replicas: d.spec.replicas, hpaMin: hpa?.spec.minReplicas >= 2 }).toEqual({ deployment: d.metadata.name, replicas: undefined, hpaMin: true });
    }
    const nats = pick(objects, 'StatefulSet', 'limye-nats');
    expect(nats.spec.replicas).toBe(3);
    const natsConf = pick(objects, 'ConfigMap', 'limye-nats-config').data['nats.conf'];
    expect(natsConf).toMatch(/jetstream \{[^}]*store_dir/);
    expect(natsConf.match(/nats:\/\/limye-nats-\d\.limye-nats-headless:6222/g)).toHaveLength(3);
    const common = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('limye-common-')) as any;
    expect(common.data).toMatchObject({ NATS_STREAM_REPLICAS: '3', DATABASE_HOST: 'limye-db-pooler-rw', DATABASE_PRIMARY_HOST: 'limye-db-rw' });
    expect(pick(objects, 'Cluster', 'limye-db').spec.instances).toBe(3);
    const pooler = pick(objects, 'Pooler', 'limye-db-pooler-rw');
    expect(pooler.spec.pgbouncer.poolMode).toBe('transaction');
    expect(Number(pooler.spec.pgbouncer.parameters.max_prepared_statements)).toBeGreaterThan(0);
    expect(pooler.spec.pgbouncer.parameters.track_extra_parameters).toContain('search_path');
    const pgbouncer = pooler.spec.template.spec.containers.find((c: any) => c.name === 'pgbouncer');
    expect(imageProblem(pgbouncer.image)).toBeNull();
    const [major, minor] = pgbouncer.image.split(':')[1].split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(121);
  });

  it('dev: one NATS, one PostgreSQL instance, the sandbox, one replica of each service', () => {
    const objects = render('dev');
    expect(pick(objects, 'StatefulSet', 'limye-nats').spec.replicas).toBe(1);
    expect(pick(objects, 'Cluster', 'limye-db').spec.instances).toBe(1);
    expect(objects.some((o) => o.kind === 'Pooler')).toBe(false);
    expect(pick(objects, 'Deployment', 'sandbox')).toBeDefined();
    for (const d of objects.filter((o) => o.kind === 'Deployment') as any[]) expect(d.spec.replicas).toBe(1);
  });

  it('every limye_* metric an alert reads is one the code defines (a renamed metric would silence its alert)', () => {
    const rules = pick(render('prod'), 'PrometheusRule', 'limye-alerts');
    const exprs: string[] = rules.spec.groups.flatMap((g: any) => g.rules.map((r: any) => String(r.expr)));
    const used = new Set(exprs.flatMap((e) => e.match(/\blimye_[a-z_]+/g) ?? []).map((m) => m.replace(/_(bucket|count|sum)$/, '')));
    const sources = ['apps', 'libs']
      .flatMap((dir) => fs.readdirSync(path.join(__dirname, '../..', dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(__dirname, '../..', dir, f)))
      .filter((f) => f.endsWith('.ts') && !f.includes('.spec.') && !f.includes('spec.ts'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    // Node.js process metrics come from prom-client's collectDefaultMetrics({ prefix: 'limye_' }).
    const undefinedMetrics = [...used].filter((m) => !/^limye_(nodejs|process)_/.test(m) && !sources.includes(`'${m}'`));
    expect(used.size).toBeGreaterThan(8);
    expect(undefinedMetrics).toEqual([]);
  });

  it('every alert has its section in docs/operations.md, which its runbook annotation links to', () => {
    const rules = pick(render('prod'), 'PrometheusRule', 'limye-alerts');
    const operations = fs.readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');
    const missing = rules.spec.groups
      .flatMap((g: any) => g.rules)
      .filter((r: any) => !operations.includes(`\n### ${r.alert}\n`) || r.annotations?.runbook !== `docs/operations.md#${String(r.alert).toLowerCase()}`)
      .map((r: any) => r.alert);
    expect(missing).toEqual([]);
  });

  it('the services\' required variables are derived from their env classes', () => {
    const names = (s: string) => requiredVariables(s).map((v) => v.name);
    expect(names('payment-intake')).toEqual(expect.arrayContaining(['NATS_URL', 'DATABASE_URL', 'MONCASH_BASE_URL', 'MONCASH_CLIENT_SECRET']));
    expect(names('eligibility')).toEqual(expect.arrayContaining(['OMIS_API_KEY', 'OMIS_BASE_URL']));
    expect(names('eligibility')).not.toContain('ELIGIBILITY_PII_API_KEY'); // optional: empty by default
    expect(names('debt-ledger').sort()).toEqual(['DATABASE_URL', 'NATS_URL']);
    // Defaulted (empty) everywhere but required in production, as customer-registry's own env check says.
    expect(names('customer-registry')).toContain('AUTH_SIGNING_KEY');
    expect(names('customer-registry')).not.toContain('AUTH_SIGNING_KEYS_PREVIOUS');
    expect(names('customer-registry')).not.toContain('LIMYE_DEMO_PASSWORD');
    // The sandbox's database and NATS variables are skipped because it uses neither: still true?
    expect(sandboxService.nats).toBe(false);
    expect(sandboxService.database).toBeUndefined();
    expect(Object.keys(UNUSED)).toEqual(['sandbox']);
  });
});

describe('the checks fail on broken input, naming the object and the field', () => {
  const prod = () => render('prod');

  it('a typo in a field name (Kubernetes kind, Prometheus Operator, CloudNativePG)', () => {
    const deployment = copy(pick(prod(), 'Deployment', 'payment-intake'));
    deployment.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    const monitor = copy(pick(prod(), 'ServiceMonitor'));
    monitor.spec.endpoints[0].intervall = '30s';
    const cluster = copy(pick(prod(), 'Cluster'));
    cluster.spec.instancez = 3;
    expect(schemaProblems([deployment, monitor, cluster])).toEqual([
      'Deployment/payment-intake /spec/template/spec/containers/0/imagePullPolcy: unknown field "imagePullPolcy" (did you mean "imagePullPolicy"?)',
      'ServiceMonitor/limye-services /spec/endpoints/0/intervall: unknown field "intervall" (did you mean "interval"?)',
      'Cluster/limye-db /spec/instancez: unknown field "instancez"',
    ]);
  });

  it('a wrong type or value', () => {
    const deployment = copy(pick(prod(), 'Deployment', 'debt-ledger'));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '3003';
    const pooler = copy(pick(prod(), 'Pooler'));
    pooler.spec.pgbouncer.poolMode = 'transactions';
    const problems = schemaProblems([deployment, pooler]);
    expect(problems).toContain('Deployment/debt-ledger /spec/template/spec/containers/0/ports/0/containerPort: must be integer');
    expect(problems).toContain('Pooler/limye-db-pooler-rw /spec/pgbouncer/poolMode: must be equal to one of the allowed values (session, transaction)');
  });

  it('a kind no schema is known for', () => {
    expect(schemaProblems([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual([
      'Widget/w: no schema known for example.com/v1 Widget (add it to test/deploy/schema-check.ts)',
    ]);
  });

  it('an image without a tag, or latest; a container without probes, limits or its security settings', () => {
    const untagged = copy(pick(prod(), 'Deployment', 'eligibility'));
    untagged.spec.template.spec.containers[0].image = 'ghcr.io/limye/limye';
    const latest = copy(pick(prod(), 'StatefulSet', 'limye-nats'));
    latest.spec.template.spec.containers[0].image = 'nats:latest';
    const loose = copy(pick(prod(), 'Deployment', 'meter-adapter'));
    const c = loose.spec.template.spec.containers[0];
    delete c.readinessProbe;
    delete c.resources.limits;
    c.securityContext.readOnlyRootFilesystem = false;
    delete c.securityContext.capabilities;
    delete c.securityContext.runAsNonRoot;
    delete loose.spec.template.spec.securityContext.runAsNonRoot;
    expect(policyProblems([untagged, latest, loose])).toEqual([
      'Deployment/eligibility container eligibility (spec.template.spec.containers[0].image): "ghcr.io/limye/limye" has no tag: pin a version (name:1.2.3) or a digest',
      'StatefulSet/limye-nats container nats (spec.template.spec.containers[0].image): "nats:latest" uses "latest": pin a version (name:1.2.3) or a digest',
      'Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].readinessProbe): no readiness probe',
      'Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].resources.limits.cpu): not set',
      'Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].resources.limits.memory): not set',
      "Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].securityContext.runAsNonRoot): must be true (here or in the pod's securityContext)",
      'Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem): must be true (mount an emptyDir where it writes)',
      'Deployment/meter-adapter container meter-adapter (spec.template.spec.containers[0].securityContext.capabilities.drop): must drop ALL',
    ]);
    const cluster = copy(pick(prod(), 'Cluster'));
    delete cluster.spec.imageName;
    const pooler = copy(pick(prod(), 'Pooler'));
    pooler.spec.template.spec.containers[0].image = 'ghcr.io/cloudnative-pg/pgbouncer';
    expect(policyProblems([cluster, pooler])).toEqual([
      'Cluster/limye-db (spec.imageName): no image',
      'Pooler/limye-db-pooler-rw (spec.template.spec.containers[pgbouncer].image): "ghcr.io/cloudnative-pg/pgbouncer" has no tag: pin a version (name:1.2.3) or a digest',
    ]);
    expect(imageProblem('nats:2.14.2-alpine')).toBeNull();
    expect(imageProblem('registry:5000/limye')).toMatch(/no tag/);
    expect(imageProblem(`limye@sha256:${'a'.repeat(64)}`)).toBeNull();
  });

  it('a required variable missing from a ConfigMap or Secret; a service in apps/ without a Deployment', () => {
    const objects = copy(prod()).filter((o: any) => !(o.kind === 'Deployment' && o.metadata.name === 'debt-ledger'));
    const intakeConfig = objects.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('payment-intake-config-'));
    delete intakeConfig.data.MONCASH_BASE_URL;
    const secrets = new Map(external);
    secrets.set('eligibility-secrets', external.get('eligibility-secrets')!.filter((k) => k !== 'OMIS_API_KEY'));
    expect(envProblems(objects, servicesOf('prod'), secrets)).toEqual([
      'apps/debt-ledger has no Deployment/debt-ledger',
      'Deployment/eligibility: OMIS_API_KEY is not set (required by apps/eligibility: it is a credential (the default is the sandbox\'s test value)); set it in its ConfigMap or Secret',
      'Deployment/payment-intake: MONCASH_BASE_URL is not set (required by apps/payment-intake: its default (http://127.0.0.1:3100/Api) is this machine); set it in its ConfigMap or Secret',
    ]);
  });

  it('a Secret referenced that exists nowhere; a Deployment running another service', () => {
    const deployment = copy(pick(prod(), 'Deployment', 'customer-registry'));
    deployment.spec.template.spec.containers[0].args = ['debt-ledger'];
    deployment.spec.template.spec.containers[0].envFrom.push({ secretRef: { name: 'customer-registry-extra-secrets' } });
    const problems = envProblems([...prod().filter((o) => o.metadata.name !== 'customer-registry'), deployment], ['customer-registry'], external);
    expect(problems).toEqual([
      'Deployment/customer-registry container customer-registry: runs "debt-ledger", not customer-registry (args[0] or LIMYE_SERVICE)',
      'Deployment/customer-registry envFrom: Secret customer-registry-extra-secrets does not exist (in the overlay nor in k8s/secrets.example.yaml)',
    ]);
  });

  it('a manifest kubectl kustomize cannot read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limye-k8s-'));
    try {
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - broken.yaml\n');
      fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data:\n  a: b\n');
      expect(() => renderKustomization(dir)).toThrow(/kubectl kustomize .* failed: .*(yaml|YAML)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
