import { TerritoryDirectory } from '../territories/territory-directory';
import { CAUSE, TINY_TERRITORIES } from '../testing/fixtures';
import { MemoryIncidentStore, MemorySurgeStore } from '../testing/memory-stores';
import { Incident } from '../incidents/incident.model';
import { SurgeDetector } from './surge-detector';

const territories = new TerritoryDirectory(TINY_TERRITORIES);
const T0 = Date.UTC(2026, 0, 20, 10);

function incident(n: number, minute: number, territoryCode = '40:nevsky:rybatskoe', topic = 'housing.heating'): Incident {
  return {
    id: `i${n}`,
    number: `78-2026-${n}`,
    regionCode: '40',
    topicCode: topic,
    urgency: 'emergency',
    territoryPath: [...territories.pathOf(territoryCode)],
    postIds: [`p${n}`],
    state: 'routed',
    coExecutorIds: [],
    candidates: [],
    suggestions: [],
    returns: [],
    rerouteCount: 0,
    history: [],
    createdAt: new Date(T0 + minute * 60_000),
    lastPostAt: new Date(T0 + minute * 60_000),
    version: 1,
  };
}

describe('surge detection', () => {
  async function run(incidents: Incident[], policy = { windowMinutes: 30, threshold: 3, regionThreshold: 4, topicThresholds: { housing: 4, 'housing.heating': 2 } }) {
    const store = new MemoryIncidentStore();
    const detector = new SurgeDetector(new MemorySurgeStore(store), () => territories, policy);
    const fired = [];
    for (const i of incidents) {
      await store.insert(i, []);
      fired.push((await detector.check(i, CAUSE, i.createdAt)).map((e) => (e.envelope.payload as { territoryCode: string }).territoryCode));
    }
    return { fired, detector };
  }

  it('fires at every territory level whose threshold is reached, once per window', async () => {
    const { fired } = await run([incident(1, 0), incident(2, 5), incident(3, 10), incident(4, 15), incident(5, 50), incident(6, 52)]);
    expect(fired).toEqual([[], ['40:nevsky:rybatskoe', '40:nevsky'], [], ['40000000'], [], ['40:nevsky:rybatskoe', '40:nevsky']]);
  });

  it('only counts incidents inside the window and of the same topic', async () => {
    const { fired } = await run([incident(1, 0), incident(2, 40), incident(3, 41, '40:nevsky', 'roads.surface')]);
    expect(fired).toEqual([[], [], []]);
  });

  it('takes the most specific topic threshold', async () => {
    const { detector } = await run([]);
    expect(detector.thresholdFor('housing.heating', 'district')).toBe(2);
    expect(detector.thresholdFor('housing.lifts', 'district')).toBe(4);
    expect(detector.thresholdFor('roads.surface', 'district')).toBe(3);
    expect(detector.thresholdFor('housing.heating', 'region')).toBe(4);
  });
});
