import { IncidentView } from '../projection/incident.view';
import { groupedPosts } from '../projection/post-grouping';
import type { TimelineEntry } from '../projection/timeline-entry';
import { qualityFacts } from './quality-facts';

/**
 * Dashboard counters an incident contributes to. Each key is counted once per incident: the
 * incident remembers which keys it has added (countedMetrics), so a replayed event or a rebuild
 * adds nothing twice, and a corrected topic moves the count (when its category changes). A key names its counter, except a
 * grouped post's, which names the post too (an incident adds one for each) and counts in the
 * counter without it.
 *
 *   v|<day>|<category>|<territory>              incidents by the day they came, the taxonomy's category and territory
 *   c|<day>|<agency>|<on|late>|<phase>          clocks met, by the day of the answer
 *   b|<day>|<agency>|<phase>                    breaches, by the day of the breach
 *   g|<day>|<category>|<territory>|<post>       posts the router grouped into an open incident, by the day they joined
 *   m|<day>|<category>|<territory>              incidents merged into another, by the day of the merge
 *   s|<day>|<category>|<territory>              incidents split out of another, by the day of the split
 *   q|<day>|<agency>|<measure>|<item>           an agency's quality facts (quality-facts.ts), by the day they happened
 */
export type MetricKind = 'v' | 'c' | 'b' | 'g' | 'm' | 's' | 'q';

export interface MetricKey {
  /** The incident's mark. */
  key: string;
  /** The counter the mark adds to (the key itself, or without the post for `g`). */
  counter: string;
  kind: MetricKind;
  day: string;
  dims: Record<string, string>;
  /** Display names of dimension values (a territory's name), not part of the key. */
  labels?: Record<string, string>;
}

/** One formatter per time zone: building one costs far more than formatting (6 % of desk's CPU under load when made per call). */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Calendar day (YYYY-MM-DD) of an instant in the management centre's time zone. */
export function dayIn(timeZone: string, instant: string | Date): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) DAY_FORMATS.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(instant));
}

const PLACE = ['category', 'territory'];
const DIMENSIONS: Record<MetricKind, string[]> = {
  v: PLACE,
  c: ['agency', 'outcome', 'phase'],
  b: ['agency', 'phase'],
  g: PLACE,
  m: PLACE,
  s: PLACE,
  q: ['agency', 'measure'],
};
/** Kinds counted once per item (a post, a quality fact) of an incident rather than once per incident. */
const PER_ITEM: ReadonlySet<MetricKind> = new Set<MetricKind>(['g', 'q']);

const isKind = (kind: string | undefined): kind is MetricKind => kind !== undefined && kind in DIMENSIONS;
const clean = (value: string): string => value.replace(/\|/g, '/');

function metric(kind: MetricKind, day: string, dims: Record<string, string>, item?: string): MetricKey {
  const values = Object.fromEntries(DIMENSIONS[kind].map((name) => [name, clean(dims[name] ?? '')]));
  const counter = [kind, day, ...DIMENSIONS[kind].map((name) => values[name])].join('|');
  return { key: item === undefined ? counter : `${counter}|${clean(item)}`, counter, kind, day, dims: values };
}

/** The metric a stored key stands for, or undefined if the key is not one of ours. */
export function parseMetricKey(key: string): MetricKey | undefined {
  const [kind, day, ...values] = key.split('|');
  if (!isKind(kind)) return undefined;
  const names = DIMENSIONS[kind];
  if (!day || values.length !== names.length + (PER_ITEM.has(kind) ? 1 : 0)) return undefined;
  return metric(kind, day, Object.fromEntries(names.map((name, index) => [name, values[index] ?? ''])), PER_ITEM.has(kind) ? values[names.length] : undefined);
}

/** Category and territory of an incident, the dimensions of its volume and grouping counters. */
function placeOf(incident: IncidentView): Record<string, string> {
  return { category: incident.categoryCode ?? '', territory: incident.territoryCode ?? 'unknown' };
}

/** Posts grouped into the incident, merges and splits. */
function groupingMetrics(incident: IncidentView, timeZone: string): MetricKey[] {
  if (!incident.categoryCode) return [];
  const place = placeOf(incident);
  const keys = groupedPosts(incident).map((post) => metric('g', dayIn(timeZone, post.at), place, post.postId));
  const { mergedInto, splitFrom } = incident.grouping ?? {};
  if (mergedInto) keys.push(metric('m', dayIn(timeZone, mergedInto.at), place));
  if (splitFrom) keys.push(metric('s', dayIn(timeZone, splitFrom.at), place));
  return keys;
}

/** Every counter key the incident should be counted in now; quality facts come from its timeline, when given. */
export function metricsOf(incident: IncidentView & { timeline?: readonly TimelineEntry[] }, timeZone: string): MetricKey[] {
  const keys: MetricKey[] = [];
  if (incident.createdAt && incident.categoryCode && incident.state !== 'merged') {
    const volume = metric('v', dayIn(timeZone, incident.createdAt), placeOf(incident));
    if (incident.place?.name) volume.labels = { territory: incident.place.name };
    keys.push(volume);
  }
  for (const clock of incident.clocks) {
    if (clock.breachedAt) keys.push(metric('b', dayIn(timeZone, clock.breachedAt), { agency: clock.agencyId, phase: clock.phase }));
    if (clock.status === 'met' && clock.answeredAt) {
      keys.push(
        metric('c', dayIn(timeZone, clock.answeredAt), {
          agency: clock.agencyId,
          outcome: clock.onTime ? 'on' : 'late',
          phase: clock.phase,
        }),
      );
    }
  }
  keys.push(...groupingMetrics(incident, timeZone));
  for (const fact of qualityFacts(incident.timeline ?? [])) keys.push(metric('q', dayIn(timeZone, fact.at), { agency: fact.agencyId, measure: fact.measure }, fact.item));
  return keys;
}

/** Keys to add and to take away so the counted set becomes the wanted one. */
export function metricChanges(counted: string[], wanted: MetricKey[]): { add: MetricKey[]; remove: string[] } {
  const wantedKeys = new Set(wanted.map((metricKey) => metricKey.key));
  const countedKeys = new Set(counted);
  return {
    add: wanted.filter((metricKey) => !countedKeys.has(metricKey.key)),
    remove: counted.filter((key) => !wantedKeys.has(key)),
  };
}
