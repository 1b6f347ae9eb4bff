// Writes docs/events/<topic>.schema.json for every event in the catalogue (npm run events:schemas).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildEventSchemas } from '../src';
import { renderSchema } from './render-schema';

const target = resolve(__dirname, '../../../docs/events');
mkdirSync(target, { recursive: true });
for (const old of readdirSync(target).filter((name) => name.endsWith('.schema.json'))) rmSync(join(target, old));
const schemas = buildEventSchemas();
for (const [topic, schema] of Object.entries(schemas)) writeFileSync(join(target, `${topic}.schema.json`), renderSchema(schema));
console.log(`wrote ${Object.keys(schemas).length} event schemas to ${target}`);
