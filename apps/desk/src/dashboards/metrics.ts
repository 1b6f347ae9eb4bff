import { IncidentView } from '../projection/incident.view';

/**
 * Dashboard counters an incident contributes to. Each key names one counter and is counted once
 * per incident: the incident remembers which keys it has added (countedMetrics), so a replayed
 * event or a rebuild adds nothing twice, and a corrected topic moves the count.
 *
 *   v|<day>|<topic group>|<territory>     incidents by the day they came, topic and territory
 *   c|<day>|<agency>|<on|late>|<phase>    clocks met, by the day of the answer
 *   b|<day>|<agency>|<phase>              breaches, by the day of the breach
 */
export type MetricKind = 'v' | 'c' | 'b';

export interface MetricKey {
  key: string;
  kind: MetricKind;
  day: string;
  dims: Record<string, string>;
  /** Display names of dimension values (a territory's name), not part of the key. */
  labels?: Record<string, string>;
}

/** Calendar day (YYYY-MM-DD) of an instant in the management centre's time zone. */
export function dayIn(timeZone: string, instant: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

const DIMENSIONS: Record<MetricKind, string[]> = { v: ['topic', 'territory'], c: ['agency', 'outcome', 'phase'], b: ['agency', 'phase'] };

function metric(kind: MetricKind, day: string, dims: Record<string, string>): MetricKey {
  const clean = Object.fromEntries(DIMENSIONS[kind].map((name) => [name, (dims[name] ?? '').replace(/\|/g, '/')]));
  return { key: [kind, day, ...DIMENSIONS[kind].map((name) => clean[name])].join('|'), kind, day, dims: clean };
}

/** The metric a stored key stands for, or undefined if the key is not one of ours. */
export function parseMetricKey(key: string): MetricKey | undefined {
  const [kind, day, ...values] = key.split('|');
  if (kind !== 'v' && kind !== 'c' && kind !== 'b') return undefined;
  const names = DIMENSIONS[kind];
  if (!day || values.length !== names.length) return undefined;
  return metric(kind, day, Object.fromEntries(names.map((name, index) => [name, values[index] ?? ''])));
}

/** Every counter key the incident should be counted in now. */
export function metricsOf(incident: IncidentView, timeZone: string): MetricKey[] {
  const keys: MetricKey[] = [];
  if (incident.createdAt && incident.topicGroup && incident.state !== 'merged') {
    const volume = metric('v', dayIn(timeZone, incident.createdAt), {
      topic: incident.topicGroup, territory: incident.territoryCode ?? 'unknown',
    });
    if (incident.place?.name) volume.labels = { territory: incident.place.name };
    keys.push(volume);
  }
  for (const clock of incident.clocks) {
    if (clock.breachedAt) keys.push(metric('b', dayIn(timeZone, clock.breachedAt), { agency: clock.agencyId, phase: clock.phase }));
    if (clock.status === 'met' && clock.answeredAt) {
      keys.push(metric('c', dayIn(timeZone, clock.answeredAt), {
        agency: clock.agencyId, outcome: clock.onTime ? 'on' : 'late', phase: clock.phase,
      }));
    }
  }
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
