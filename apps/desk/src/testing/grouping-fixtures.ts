import { IncidentPostAttachedV2, TOPICS } from '@otklik/contracts';
import { fixture, Fixture } from './event-fixtures';

const facts = (incidentId: string, postIds: string[]) => ({
  incidentId,
  number: `78-2026-${incidentId.padStart(6, '0')}`,
  topicCode: 'housing.heating',
  urgency: 'normal' as const,
  place: { territoryCode: '40911000', name: 'Невский район', geo: { lat: 59.88, lon: 30.45 } },
  regionCode: '40',
  postIds,
});

/** The router grouped `postId` into the incident, which then holds `postIds`. */
export function attached(
  incidentId: string,
  postIds: string[],
  postId: string,
  at: Date,
  duplicateOf?: string,
  extra: Partial<IncidentPostAttachedV2> = {},
): Fixture<typeof TOPICS.incidentPostAttached> {
  return fixture(
    TOPICS.incidentPostAttached,
    {
      ...facts(incidentId, postIds),
      postId,
      ...(duplicateOf && { duplicateOf }),
      reason: 'та же проблема в том же месте',
      attachedAt: at.toISOString(),
      ...extra,
    },
    at,
  );
}

/** An operator merged `incidentId` (its posts `moved`) into `intoIncidentId`, which then holds `postIds`. */
export function merged(incidentId: string, intoIncidentId: string, moved: string[], postIds: string[], at: Date): Fixture<typeof TOPICS.incidentMerged> {
  return fixture(
    TOPICS.incidentMerged,
    {
      incidentId,
      number: `78-2026-${incidentId.padStart(6, '0')}`,
      intoIncidentId,
      intoNumber: `78-2026-${intoIncidentId.padStart(6, '0')}`,
      movedPostIds: moved,
      postIds,
      actor: 'operator:op1',
      reason: 'одна и та же проблема',
      mergedAt: at.toISOString(),
    },
    at,
  );
}

/** An operator split `taken` out of `incidentId` (which keeps `kept`) into `newIncidentId`. */
export function split(incidentId: string, kept: string[], taken: string[], newIncidentId: string, at: Date): Fixture<typeof TOPICS.incidentSplit> {
  return fixture(
    TOPICS.incidentSplit,
    {
      ...facts(incidentId, kept),
      splitPostIds: taken,
      newIncidentId,
      newNumber: `78-2026-${newIncidentId.padStart(6, '0')}`,
      actor: 'operator:op1',
      reason: 'другой адрес',
      splitAt: at.toISOString(),
    },
    at,
  );
}
