import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps its metadata storage internal; the schema generator needs it for @Type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_CATALOGUE } from './catalogue';
import { EventEnvelope } from './envelope';

type Schema = Record<string, unknown>;

/** Names of the classes a schema refers to, transitively. */
function referencedClasses(schema: unknown, all: Record<string, Schema>, found = new Set<string>()): Set<string> {
  const text = JSON.stringify(schema);
  for (const match of text.matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
    const name = match[1];
    if (!found.has(name)) {
      found.add(name);
      referencedClasses(all[name], all, found);
    }
  }
  return found;
}

/** Schema name of a class: a subclass that adds no fields shares its parent's schema. */
type Constructor = abstract new (...args: never[]) => object;

function schemaNameOf(cls: Constructor, all: Record<string, Schema>): string {
  for (let current: Constructor | null = cls; current && current !== Function.prototype; current = Object.getPrototypeOf(current) as Constructor | null) {
    if (all[current.name]) return current.name;
  }
  throw new Error(`no schema for ${cls.name}: it has no validation decorators`);
}

/**
 * JSON Schema (draft-07) of every event in the catalogue, envelope included, keyed by topic.
 * Generated from the same class-validator decorators that validate events at run time.
 */
export function buildEventSchemas(): Record<string, Schema> {
  const all = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/definitions/' }) as Record<string, Schema>;
  const envelope = all[EventEnvelope.name];
  const result: Record<string, Schema> = {};
  for (const [topic, descriptor] of Object.entries(EVENT_CATALOGUE)) {
    const payloadName = schemaNameOf(descriptor.payload, all);
    const properties = { ...(envelope.properties as Schema), payload: { $ref: `#/definitions/${payloadName}` } };
    const definitions: Record<string, Schema> = {};
    for (const name of [...referencedClasses({ $ref: `#/definitions/${payloadName}` }, all)].sort()) definitions[name] = all[name];
    result[topic] = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `urn:otklik:event:${topic}`,
      title: `${descriptor.type} v${descriptor.schemaVersion}`,
      description: `${descriptor.description} Produced by ${descriptor.producedBy}.`,
      ...envelope,
      properties: { ...properties, type: { const: descriptor.type }, schemaVersion: { const: descriptor.schemaVersion } },
      definitions,
    };
  }
  return result;
}
