import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { K8S, K8sObject, objectName, REPO } from './manifests';

/**
 * Validates rendered objects against the schemas of what a cluster would accept:
 * - Kubernetes' own kinds and the Prometheus Operator's (ServiceMonitor, PrometheusRule): the models of the
 *   npm packages `kubernetes-models` and `@kubernetes-models/prometheus-operator` (their validate(): types,
 *   required fields, enums), plus a check for fields those types do not have (a typo such as
 *   `imagePullPolcy` would otherwise pass: validate() ignores unknown fields, the API server refuses them);
 * - CloudNativePG's kinds: the openAPIV3Schema of its CRDs, vendored in k8s/schemas/cloudnative-pg/, with
 *   unknown fields refused the same way.
 * Each problem names the object and the field: `Deployment/payment-intake /spec/…/imagePullPolcy: …`.
 */
export function schemaProblems(objects: K8sObject[]): string[] {
  return objects.flatMap((o) => {
    const crd = crdValidator(o.apiVersion, o.kind);
    if (crd) return crd(o);
    const model = modelFor(o.apiVersion, o.kind);
    if (!model) return [`${objectName(o)}: no schema known for ${o.apiVersion} ${o.kind} (add it to test/deploy/schema-check.ts)`];
    return [...modelProblems(o, model.Class), ...unknownFieldProblems(o, model.typeName, model.module)];
  });
}

// ── kubernetes-models ──────────────────────────────────────────────────────────────────────────────

interface Model {
  Class: new (data: unknown) => { validate(): void };
  module: string;
  typeName: string;
}

function modelFor(apiVersion: string, kind: string): Model | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = group === 'monitoring.coreos.com'
    ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
  let exported: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(module);
  } catch {
    return undefined;
  }
  const Class = exported[kind] as Model['Class'] | undefined;
  return Class ? { Class, module, typeName: `I${kind}` } : undefined;
}

function modelProblems(o: K8sObject, Class: Model['Class']): string[] {
  try {
    new Class(o).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    if (!errors) return [`${objectName(o)}: ${(err as Error).message}`];
    return errors.map((e) => `${objectName(o)} ${e.instancePath || '/'}: ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
  }
}

/**
 * Fields the model's TypeScript type does not declare, found by walking the object alongside the type
 * (the packages' .d.ts files, read with the TypeScript compiler once per run).
 */
function unknownFieldProblems(o: K8sObject, typeName: string, module: string): string[] {
  const { checker, typeOf } = typeProgram();
  const type = typeOf(module, typeName);
  if (!type) return [`${objectName(o)}: type ${typeName} not found in ${module}`];
  const problems: string[] = [];
  walk(checker, o, type, '', (where, key, known) =>
    problems.push(`${objectName(o)} ${where}/${key}: unknown field "${key}"${suggestion(key, known)}`),
  );
  return problems;
}

function walk(checker: ts.TypeChecker, value: unknown, type: ts.Type, where: string, unknown: (where: string, key: string, known: string[]) => void): void {
  if (value === null || typeof value !== 'object') return;
  const t = checker.getNonNullableType(type);
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (Array.isArray(value)) {
    const arrayType = (t.isUnion() ? t.types : [t]).find((c) => checker.isArrayType(c)) as ts.TypeReference | undefined;
    if (!arrayType) return;
    const element = checker.getTypeArguments(arrayType)[0];
    value.forEach((item, i) => walk(checker, item, element, `${where}/${i}`, unknown));
    return;
  }
  const objectType = (t.isUnion() ? t.types : [t]).find((c) => c.flags & ts.TypeFlags.Object && !checker.isArrayType(c));
  if (!objectType) return;
  const index = checker.getIndexInfosOfType(objectType).find((i) => i.keyType.flags & ts.TypeFlags.String);
  if (index) {
    for (const [key, v] of Object.entries(value)) walk(checker, v, index.type, `${where}/${key}`, unknown);
    return;
  }
  const properties = new Map(checker.getPropertiesOfType(objectType).map((p) => [p.getName(), p]));
  if (properties.size === 0) return;
  for (const [key, v] of Object.entries(value)) {
    const property = properties.get(key);
    if (!property) {
      unknown(where, key, [...properties.keys()]);
      continue;
    }
    walk(checker, v, checker.getTypeOfSymbol(property), `${where}/${key}`, unknown);
  }
}

let program: { checker: ts.TypeChecker; typeOf: (module: string, typeName: string) => ts.Type | undefined } | undefined;
const typeCache = new Map<string, ts.Type | undefined>();

/** One TypeScript program over every model the checks may need, built on first use. */
function typeProgram(): NonNullable<typeof program> {
  if (program) return program;
  const entry = path.join(REPO, '__k8s_models__.ts');
  const modules = modelModules();
  const source = modules.map((m, i) => `export type * as M${i} from '${m}';`).join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022 };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) => (file === entry ? ts.createSourceFile(file, source, lang) : getSourceFile(file, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === entry || fileExists(file);
  const tsProgram = ts.createProgram([entry], options, host);
  const checker = tsProgram.getTypeChecker();
  const entryFile = tsProgram.getSourceFile(entry)!;
  const moduleSymbols = new Map<string, ts.Symbol>();
  for (const statement of entryFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
      if (symbol) moduleSymbols.set(statement.moduleSpecifier.text, symbol);
    }
  }
  const typeOf = (module: string, typeName: string): ts.Type | undefined => {
    const key = `${module}#${typeName}`;
    if (!typeCache.has(key)) {
      const moduleSymbol = moduleSymbols.get(module);
      const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === typeName);
      typeCache.set(key, exported ? checker.getDeclaredTypeOfSymbol(exported) : undefined);
    }
    return typeCache.get(key);
  };
  program = { checker, typeOf };
  return program;
}

/** Every kind of the two model packages that the manifests may use. */
function modelModules(): string[] {
  const kinds: Record<string, string[]> = {
    'kubernetes-models/v1': ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'PersistentVolumeClaim', 'Namespace'],
    'kubernetes-models/apps/v1': ['Deployment', 'StatefulSet', 'DaemonSet'],
    'kubernetes-models/batch/v1': ['Job', 'CronJob'],
    'kubernetes-models/policy/v1': ['PodDisruptionBudget'],
    'kubernetes-models/autoscaling/v2': ['HorizontalPodAutoscaler'],
    'kubernetes-models/networking.k8s.io/v1': ['NetworkPolicy', 'Ingress'],
    'kubernetes-models/rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding'],
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1': ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'],
  };
  return Object.entries(kinds).flatMap(([prefix, names]) => names.map((n) => `${prefix}/${n}`));
}

// ── CloudNativePG (vendored CRD schemas + ajv) ──────────────────────────────────────────────────────

let crdValidators: Map<string, ValidateFunction> | undefined;

function crdValidator(apiVersion: string, kind: string): ((o: K8sObject) => string[]) | undefined {
  if (!crdValidators) {
    crdValidators = new Map();
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const dir = path.join(K8S, 'schemas', 'cloudnative-pg');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const { group, kind: k, version, schema } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      crdValidators.set(`${group}/${version}/${k}`, ajv.compile(refuseUnknownFields(schema)));
    }
  }
  const validate = crdValidators.get(`${apiVersion}/${kind}`);
  if (!validate) return undefined;
  return (o) => {
    if (validate(o)) return [];
    return (validate.errors ?? []).map((e) =>
      e.keyword === 'additionalProperties'
        ? `${objectName(o)} ${e.instancePath}/${e.params.additionalProperty}: unknown field "${e.params.additionalProperty}"`
        : `${objectName(o)} ${e.instancePath || '/'}: ${e.message}${'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
    );
  };
}

/**
 * The API server drops (or, with strict field validation, refuses) fields a CRD's schema does not declare;
 * a schema says so by not setting additionalProperties. Make that explicit for ajv, except where the
 * schema keeps unknown fields on purpose (x-kubernetes-preserve-unknown-fields, embedded resources).
 */
function refuseUnknownFields(schema: Record<string, unknown>): Record<string, unknown> {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const s = node as Record<string, unknown>;
    if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields'] && !s['x-kubernetes-embedded-resource']) {
      s.additionalProperties = false;
    }
    for (const value of Object.values(s)) visit(value);
  };
  const copy = JSON.parse(JSON.stringify(schema));
  visit(copy);
  // metadata is validated by the API server itself (ObjectMeta), not by the CRD.
  if (copy.properties?.metadata) copy.properties.metadata = { type: 'object' };
  return copy;
}

// ── messages ───────────────────────────────────────────────────────────────────────────────────────

/** ` (did you mean "imagePullPolicy"?)` for a key one or two edits away from a known one. */
function suggestion(key: string, known: string[]): string {
  const close = known.map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d)[0];
  return close ? ` (did you mean "${close.k}"?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
