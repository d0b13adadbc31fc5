#!/usr/bin/env node
// Writes the openAPIV3Schema of one version of a CustomResourceDefinition as compact JSON, without its
// descriptions and its `status` (which manifests never carry): what test/deploy validates objects against.
//   node k8s/schemas/extract-crd-schema.js <crd.yaml> <version> > k8s/schemas/<project>/<kind>.<version>.json
// Source and licence of each vendored file: k8s/schemas/README.md.
const fs = require('fs');
const YAML = require('yaml');

const [file, version] = process.argv.slice(2);
if (!file || !version) {
  console.error('usage: extract-crd-schema.js <crd.yaml> <version>');
  process.exit(64);
}
const crd = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).find((d) => d && d.kind === 'CustomResourceDefinition');
const v = crd.spec.versions.find((x) => x.name === version);
if (!v) throw new Error(`${file}: no version ${version}`);
const schema = v.schema.openAPIV3Schema;
delete schema.properties.status;
// `properties` may hold a field literally named "description": strip only schema descriptions.
const stripSchema = (s) => {
  if (!s || typeof s !== 'object') return;
  if (typeof s.description === 'string') delete s.description;
  for (const key of ['properties', 'patternProperties', 'definitions']) if (s[key]) Object.values(s[key]).forEach(stripSchema);
  for (const key of ['items', 'additionalProperties', 'not']) if (s[key] && typeof s[key] === 'object') stripSchema(s[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) s[key].forEach(stripSchema);
};
stripSchema(schema);
process.stdout.write(JSON.stringify({ group: crd.spec.group, kind: crd.spec.names.kind, version, schema }) + '\n');
