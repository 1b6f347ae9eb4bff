import { IncidentClassifiedV2 } from '@otklik/contracts';
import { TappedMessage } from '@otklik/messaging';

/** The payload of an event read from the broker by an EventTap. */
export const payloadOf = <P>(m: TappedMessage): P => (m.json as { payload: P }).payload;

/** Matches an incident event that names the post. */
export const withPost =
  (postId: string) =>
  (m: TappedMessage): boolean =>
    payloadOf<{ postIds?: string[] }>(m).postIds?.includes(postId) ?? false;

/** Matches an event about the incident. */
export const about =
  (incidentId: string) =>
  (m: TappedMessage): boolean =>
    payloadOf<{ incidentId?: string }>(m).incidentId === incidentId;

/** The classifier's event for a complaint about `topic` at an address of a territory, with overrides. */
export function classifiedPost(postId: string, topic: string, territoryCode: string, address: string, extra: Partial<IncidentClassifiedV2> = {}): IncidentClassifiedV2 {
  const label = (l: string, confidence = 0.9) => ({ label: l, confidence });
  return {
    postId,
    kind: label('complaint'),
    topicCode: label(topic),
    urgency: label('normal'),
    sentiment: label('negative'),
    place: { territoryCode, address },
    modelVersion: 'spec',
    taxonomyVersion: 'taxonomy-1',
    needsReview: false,
    explanation: { rules: [], features: [] },
    text: 'Нет отопления в квартире',
    urgencyLevel: 'normal',
    ...extra,
  };
}
