/** A community the demo's fake platforms host, registered in ingest as a source. */
export interface DemoSource {
  id: string;
  platform: 'vk' | 'ok' | 'telegram' | 'intake';
  communityId?: string;
  name: string;
  /** Territory code of what the community covers: `40:<district>`, or `40000000` for the whole city. */
  territoryCode: string;
  /** Environment variable holding the platform token (ingest reads it when it polls). */
  credentialRef?: string;
}

/** Names of the environment variables with the fake platforms' tokens, as start.mjs sets them. */
export const DEMO_CREDENTIALS = { vk: 'OTKLIK_DEMO_VK_TOKEN', ok: 'OTKLIK_DEMO_OK_TOKEN', telegram: 'OTKLIK_DEMO_TELEGRAM_TOKEN' } as const;

/**
 * The communities of the demo: three VK district pages, an OK group, a Telegram residents' chat,
 * and the Open311 intake desk forwards to. Territory codes are St Petersburg's (`40:<district>`, the city `40000000`).
 */
export const DEMO_SOURCES: DemoSource[] = [
  { id: 'demo-vk-nevsky', platform: 'vk', communityId: '210001', name: 'Невский район | Жалобы и предложения', territoryCode: '40:nevsky', credentialRef: DEMO_CREDENTIALS.vk },
  { id: 'demo-vk-primorsky', platform: 'vk', communityId: '210002', name: 'Приморский район — соседи', territoryCode: '40:primorsky', credentialRef: DEMO_CREDENTIALS.vk },
  { id: 'demo-vk-kalininsky', platform: 'vk', communityId: '210003', name: 'Калининский район. Обращения жителей', territoryCode: '40:kalininsky', credentialRef: DEMO_CREDENTIALS.vk },
  { id: 'demo-ok-vyborgsky', platform: 'ok', communityId: '550001', name: 'Выборгский район Санкт-Петербурга', territoryCode: '40:vyborgsky', credentialRef: DEMO_CREDENTIALS.ok },
  { id: 'demo-tg-spb', platform: 'telegram', communityId: '-1002100000001', name: 'Петербург: чат жителей', territoryCode: '40000000', credentialRef: DEMO_CREDENTIALS.telegram },
];

/** The Open311 intake source (desk forwards Open311 requests to ingest as this source). */
export const OPEN311_SOURCE: DemoSource = { id: 'open311', platform: 'intake', name: 'Open311 GeoReport v2', territoryCode: '40000000' };

/** Where a post of this district goes on a platform: its own district's community if there is one. */
export function sourceFor(platform: 'vk' | 'ok' | 'telegram', district: string): DemoSource {
  const candidates = DEMO_SOURCES.filter((s) => s.platform === platform);
  const own = candidates.find((s) => s.territoryCode === `40:${district}`);
  const first = candidates[0];
  if (!first) throw new Error(`no demo source on ${platform}`);
  return own ?? first;
}
