/**
 * Writes seeds/territories/41-spb-municipalities.json — St Petersburg's inner-city municipalities,
 * towns and settlements under their districts — from the names the portal's appeals carry
 * (`spb-appeals/dev.jsonl.gz`: district and municipality of each appeal). Only the names, which
 * are facts, reach the seed.
 *
 *   npx node -r @swc-node/register apps/router/scripts/convert-spb-municipalities.ts [--data <file>]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { argument } from './cli-args';
import { sharedDataDir } from '@otklik/config';
import { SEEDS_DIR } from '../src/shared/seed-files';
import { formatRecords } from '../src/shared/json-records';
import { readSeedFile } from '../src/shared/seed-files';
import { slugify } from '../src/shared/text';
import { readSpbAppeals } from '../src/history/spb-appeals.reader';
import { nameKey } from '../src/territories/territory-directory';
import { TerritoryDto } from '../src/territories/territory.dto';
import { Territory, TerritoryKind } from '../src/territories/territory.model';

const TYPES: readonly [string, TerritoryKind][] = [
  ['муниципальный округ', 'municipality'],
  ['город', 'settlement'],
  ['поселок', 'settlement'],
];

function toTerritory(district: Territory, name: string): Territory {
  const match = TYPES.find(([prefix]) => name.startsWith(`${prefix} `));
  if (!match) throw new Error(`unknown kind of municipality "${name}"`);
  const [localType, kind] = match;
  const short = name.slice(localType.length + 1).trim();
  const districtSlug = district.code.split(':')[1];
  return { code: `40:${districtSlug}:${slugify(short)}`, codeScheme: 'local', name, kind, localType, parentCode: district.code, aliases: [short] };
}

async function main(): Promise<void> {
  const source = argument('data') ?? path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz');
  const districts = readSeedFile(path.join(SEEDS_DIR, 'territories/40-spb-districts.json'), TerritoryDto);
  const byName = new Map(districts.map((d) => [nameKey(d.name), d]));
  const found = new Map<string, Territory>();
  for await (const appeal of readSpbAppeals(source)) {
    const district = byName.get(nameKey(appeal.district));
    if (!district) throw new Error(`appeal ${appeal.id}: unknown district "${appeal.district}"`);
    if (!appeal.municipality) continue;
    const territory = toTerritory(district, appeal.municipality);
    found.set(territory.code, territory);
  }
  const records = [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
  const target = path.join(SEEDS_DIR, 'territories/41-spb-municipalities.json');
  writeFileSync(target, formatRecords(records));
  console.log(`${records.length} municipalities → ${path.relative(process.cwd(), target)}`);
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
