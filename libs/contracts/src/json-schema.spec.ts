import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderSchema } from '../scripts/render-schema';
import { EVENT_CATALOGUE } from './catalogue';
import { buildEventSchemas } from './json-schema';

const docs = resolve(__dirname, '../../../docs/events');

describe('event JSON schemas in docs/events', () => {
  const schemas = buildEventSchemas();

  it('has one schema file for each event in the catalogue and no other', () => {
    const files = readdirSync(docs)
      .filter((name) => name.endsWith('.schema.json'))
      .sort();

    expect(files).toEqual(
      Object.keys(EVENT_CATALOGUE)
        .map((topic) => `${topic}.schema.json`)
        .sort(),
    );
  });

  it.each(Object.keys(EVENT_CATALOGUE))('is up to date for %s (regenerate with `npm run events:schemas`)', (topic) => {
    const onDisk = readFileSync(join(docs, `${topic}.schema.json`), 'utf8');

    expect(onDisk).toBe(renderSchema(schemas[topic]));
  });
});
