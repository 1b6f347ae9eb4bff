// Turns Kubernetes' OpenAPI v2 document (api/openapi-spec/swagger.json of the k8s.io/kubernetes
// module) into kubeconform's schema layout: one JSON Schema per kind and version, named
// <kind>-<group>-<version>.json (<kind>-<version>.json for the core group), in the strict form
// (unknown fields are errors). Each file holds the definitions it refers to, so it stands alone.
//
//   node deploy/tools/k8s-schemas.mjs <swagger.json> <output folder>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [swaggerPath, outDir] = process.argv.slice(2);
if (!swaggerPath || !outDir) {
  console.error('usage: k8s-schemas.mjs <swagger.json> <output folder>');
  process.exit(2);
}
const definitions = JSON.parse(readFileSync(swaggerPath, 'utf8')).definitions;
const REF = '#/definitions/';

// The API server accepts a number or a string for these two string formats.
const OVERRIDES = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'string' }, { type: 'integer' }] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
};

/** A copy of a schema in strict form: objects with listed properties take no others. */
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.format === 'int-or-string') return OVERRIDES['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) : strict(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Names of every definition reachable from `name`. */
function closure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) closure(value.slice(REF.length), seen);
        else walk(value);
      }
    }
  };
  walk(definitions[name]);
  return seen;
}

const kindSuffix = (group, version) => (group ? `-${group.split('.')[0]}-${version}` : `-${version}`).toLowerCase();

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [name, definition] of Object.entries(definitions)) {
  for (const { group, version, kind } of definition['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = group ? `${group}/${version}` : version;
    const schema = strict(definition);
    // Only this kind and apiVersion validate against this file.
    schema.properties = { ...schema.properties, apiVersion: { type: 'string', enum: [apiVersion] }, kind: { type: 'string', enum: [kind] } };
    schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];
    schema.definitions = {};
    for (const dependency of closure(name)) {
      if (dependency !== name) schema.definitions[dependency] = OVERRIDES[dependency] ?? strict(definitions[dependency]);
    }
    writeFileSync(join(outDir, `${kind.toLowerCase()}${kindSuffix(group, version)}.json`), JSON.stringify(schema));
    written += 1;
  }
}
console.log(`k8s-schemas: ${written} schemas in ${outDir}`);
