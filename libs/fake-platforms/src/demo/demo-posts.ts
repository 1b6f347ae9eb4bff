import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import samplePosts from './sample-posts.json';

/** One citizen complaint the demo feed can post. */
export interface DemoPost {
  text: string;
  /** District of St Petersburg, as its territory code after `40:` (`nevsky`). */
  district: string;
  /** Taxonomy topic code, sent as the Open311 service code (the pipeline classifies the text itself). */
  topicCode?: string;
  address?: string;
  /** Latitude, longitude. */
  geo?: [number, number];
}

/** Districts of St Petersburg by the name the city's portal uses, to the classifier's codes. */
const DISTRICTS: Record<string, string> = {
  Адмиралтейский: 'admiralteysky',
  Василеостровский: 'vasileostrovsky',
  Выборгский: 'vyborgsky',
  Калининский: 'kalininsky',
  Кировский: 'kirovsky',
  Колпинский: 'kolpinsky',
  Красногвардейский: 'krasnogvardeysky',
  Красносельский: 'krasnoselsky',
  Кронштадтский: 'kronshtadtsky',
  Курортный: 'kurortny',
  Московский: 'moskovsky',
  Невский: 'nevsky',
  Петроградский: 'petrogradsky',
  Петродворцовый: 'petrodvortsovy',
  Приморский: 'primorsky',
  Пушкинский: 'pushkinsky',
  Фрунзенский: 'frunzensky',
  Центральный: 'tsentralny',
};

/** The district's name as people write it (`Невский район`), from its code (`nevsky`). */
export function districtName(code: string): string | undefined {
  const name = Object.entries(DISTRICTS).find(([, c]) => c === code)?.[0];
  return name ? `${name} район` : undefined;
}

/**
 * The address as a resident would add it to a post: with the district, which is how the
 * pipeline places a complaint when the community covers the whole city.
 */
export function addressLine(post: DemoPost): string | undefined {
  if (!post.address) return undefined;
  const district = districtName(post.district);
  return `Адрес: ${district && !post.address.includes(district) ? `${district}, ` : ''}${post.address}.`;
}

/** The complaints written for the project (committed), used when the shared data is absent. */
export function samplePostList(): DemoPost[] {
  return (samplePosts as DemoPost[]).map((post) => ({ ...post }));
}

interface SpbAppeal {
  text?: unknown;
  district?: unknown;
  address?: unknown;
  lat?: unknown;
  lon?: unknown;
}

function fromAppeal(record: SpbAppeal): DemoPost | undefined {
  const district = typeof record.district === 'string' ? DISTRICTS[record.district] : undefined;
  if (typeof record.text !== 'string' || !district) return undefined;
  const text = record.text.replace(/\s+/g, ' ').trim();
  if (text.length < 40 || text.length > 1500) return undefined;
  const address = typeof record.address === 'string' ? record.address.replace(/^г\.\s*Санкт-Петербург,\s*/, '') : undefined;
  const lat = Number(record.lat);
  const lon = Number(record.lon);
  return { text, district, address, geo: Number.isFinite(lat) && Number.isFinite(lon) && lat > 0 ? [lat, lon] : undefined };
}

/**
 * Up to `limit` complaints from the St Petersburg appeals of the shared data
 * (`<dataDir>/spb-appeals/dev.jsonl.gz`, read at run time and never copied), every `stride`-th
 * record so that topics and districts mix; undefined when the file is not there.
 */
export async function sharedDataPosts(dataDir: string, limit = 400, stride = 37): Promise<DemoPost[] | undefined> {
  const file = join(dataDir, 'spb-appeals', 'dev.jsonl.gz');
  if (!existsSync(file)) return undefined;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const posts: DemoPost[] = [];
  let index = 0;
  for await (const line of lines) {
    if (posts.length >= limit) break;
    if (index++ % stride !== 0) continue;
    const post = fromAppeal(JSON.parse(line) as SpbAppeal);
    if (post) posts.push(post);
  }
  lines.close();
  return posts.length > 0 ? posts : undefined;
}
