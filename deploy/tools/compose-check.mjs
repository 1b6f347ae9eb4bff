// Validates docker-compose.yml against the Compose specification's JSON Schema (from compose-go,
// see ops-tools.sh) and checks that every file it mounts from the repository exists.
//
//   node deploy/tools/compose-check.mjs <compose-spec.json> [compose file, default docker-compose.yml]
import Ajv2020 from 'ajv/dist/2020.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

const root = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Compose files use YAML merge keys (<<: *anchor), which js-yaml 5 reads only when asked.
const file = process.argv[3] ?? join(root, 'docker-compose.yml');
const compose = load(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) });

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const valid = ajv.validate(schema, compose);
const problems = valid ? [] : ajv.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
for (const [name, service] of Object.entries(compose.services)) {
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (source.startsWith('./') && !existsSync(join(root, source))) problems.push(`services.${name}: mounts ${source}, which does not exist`);
  }
}
if (problems.length > 0) {
  console.error(`${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const profiles = [...new Set(Object.values(compose.services).flatMap((s) => s.profiles ?? []))];
console.log(`${file}: valid, ${Object.keys(compose.services).length} services (profiles: ${profiles.join(', ') || 'none'})`);
