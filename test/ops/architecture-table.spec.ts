import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOGUE, EventDescriptor, TOPICS } from '@otklik/contracts';

const root = join(__dirname, '../..');
const SERVICES = ['ingest', 'classifier', 'router', 'sla-tracker', 'notifier', 'desk'] as const;
/** What the table says of a service that consumes every topic. */
const EVERY_EVENT = 'every event';

/** Source files of a service, specs and test helpers left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** Event types a service's handlers subscribe to (`@EventPattern(TOPICS.x)` or a list of them). */
function consumedByCode(service: string): string[] | typeof EVERY_EVENT {
  const types = new Set<string>();
  for (const file of sources(join(root, 'apps', service, 'src'))) {
    for (const [, args] of readFileSync(file, 'utf8').matchAll(/@EventPattern\(([^)]*)\)/g)) {
      if (args.includes('Object.values(TOPICS)')) return EVERY_EVENT;
      for (const [, key] of args.matchAll(/TOPICS\.(\w+)/g)) types.add(typeOf(TOPICS[key as keyof typeof TOPICS]));
    }
  }
  return [...types].sort();
}

function typeOf(topic: string): string {
  return (EVENT_CATALOGUE as Record<string, EventDescriptor>)[topic].type;
}

/** The services table of docs/architecture.md: service → consumes, produces. */
function table(): Map<string, { consumes: string; produces: string }> {
  const rows = new Map<string, { consumes: string; produces: string }>();
  for (const line of readFileSync(join(root, 'docs/architecture.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const service = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (service && (SERVICES as readonly string[]).includes(service)) rows.set(service, { consumes: cells[2], produces: cells[3] });
  }
  return rows;
}

const named = (cell: string) => [...cell.matchAll(/`([a-z.-]+)`/g)].map((m) => m[1]).sort();

/** The architecture document's services table says what the code and the catalogue say. */
describe('docs/architecture.md: who consumes and produces what', () => {
  const rows = table();

  it('has a row for every service', () => {
    expect([...rows.keys()].sort()).toEqual([...SERVICES].sort());
  });

  it.each(SERVICES)('lists what %s consumes as its handlers subscribe', (service) => {
    const code = consumedByCode(service);
    const cell = rows.get(service)!.consumes;
    if (code === EVERY_EVENT) expect(cell.startsWith(EVERY_EVENT)).toBe(true);
    else expect(named(cell)).toEqual(code);
  });

  it.each(SERVICES)('lists what %s produces as the catalogue says', (service) => {
    const produced = Object.values(EVENT_CATALOGUE as Record<string, EventDescriptor>)
      .filter((e) => e.producedBy === service)
      .map((e) => e.type)
      .sort();
    expect(named(rows.get(service)!.produces)).toEqual(produced);
  });
});
