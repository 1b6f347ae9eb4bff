import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataDir } from '@otklik/config';

/** One post as the generic intake (`POST /v1/posts`) takes it. */
export interface IntakePost {
  sourceId: string;
  externalId: string;
  author: { id: string };
  text: string;
  createdAt: string;
  geo?: { lat: number; lon: number };
}

interface Appeal {
  text: string;
  geo?: { lat: number; lon: number };
}

/** The St Petersburg appeals (text and coordinates), read at run time from the shared data. */
export function readAppeals(): Appeal[] {
  const file = resolve(sharedDataDir(), 'spb-appeals/dev.jsonl.gz');
  if (!existsSync(file)) {
    throw new Error(`no appeal texts at ${file}: set OTKLIK_DATA_DIR to the folder holding spb-appeals/dev.jsonl.gz`);
  }
  const appeals: Appeal[] = [];
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: string; lat?: string; lon?: string };
    const text = row.text?.trim();
    if (!text || text.length < 10) continue;
    const lat = Number(row.lat);
    const lon = Number(row.lon);
    appeals.push({ text: text.slice(0, 20_000), geo: Number.isFinite(lat) && Number.isFinite(lon) && lat !== 0 ? { lat, lon } : undefined });
  }
  return appeals;
}

/**
 * The n-th post of a run. Each author posts once (no flood filter). Texts repeat after the last
 * appeal; each repeat is moved ~3 km north so ingest and the router do not take it for the same
 * problem in the same place (a soak would otherwise turn into joins of open incidents).
 */
export function postOf(appeals: Appeal[], run: string, sourceId: string, n: number): IntakePost {
  const appeal = appeals[(n * 7919) % appeals.length];
  const cycle = Math.floor(n / appeals.length);
  const geo = appeal.geo && { lat: appeal.geo.lat + cycle * 0.03, lon: appeal.geo.lon };
  return {
    sourceId,
    externalId: `${run}-${n}`,
    author: { id: `${run}-citizen-${n}` },
    text: appeal.text,
    createdAt: new Date().toISOString(),
    ...(geo && { geo }),
  };
}
