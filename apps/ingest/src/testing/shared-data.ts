import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sharedDataDir } from '@otklik/config';
import { parseCsv } from '@otklik/csv';

/** The shared data folder, which must exist: the specs that read it measure on real appeals. */
function existingDataDir(): string {
  const dir = sharedDataDir();
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir}: set OTKLIK_DATA_DIR`);
  return dir;
}

/** The first `limit` appeal texts of the St Petersburg set, read at run time (never copied). */
export async function readSpbAppealTexts(limit: number): Promise<string[]> {
  const file = path.join(existingDataDir(), 'spb-appeals/dev.jsonl.gz');
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const texts: string[] = [];
  for await (const line of lines) {
    if (texts.length >= limit) break;
    const record: unknown = JSON.parse(line);
    if (typeof record === 'object' && record !== null && 'text' in record && typeof record.text === 'string') {
      texts.push(record.text);
    }
  }
  lines.close();
  return texts;
}

/** Message texts of the Kursk set (they may hold HTML), read at run time (never copied). */
export function readKurskTexts(): string[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(existingDataDir(), 'kursk-appeals/dev.csv'), 'utf8'));
  const column = header.indexOf('text');
  if (column < 0) throw new Error('kursk-appeals/dev.csv: no text column');
  return rows.map((row) => row[column] ?? '').filter((text) => text.length > 0);
}
