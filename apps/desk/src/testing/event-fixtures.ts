import { createEvent, EventEnvelope, IncidentClassifiedV2, IncidentRoutedV2, PayloadOf, PostReceivedV1, SlaArmedV2, TopicName, TOPICS } from '@otklik/contracts';

/**
 * Contract-valid events for tests and for seeding a demo: every builder goes through
 * `createEvent`, so a fixture that drifts from the contract fails loudly.
 */
export interface Fixture<T extends TopicName = TopicName> {
  topic: T;
  envelope: EventEnvelope<PayloadOf<T>>;
}

export function fixture<T extends TopicName>(topic: T, payload: PayloadOf<T>, at: Date): Fixture<T> {
  return { topic, envelope: createEvent(topic, payload, { correlationId: 'corr-test' }, at) };
}

export function postReceived(postId: string, text: string, at: Date, extra: Partial<PostReceivedV1> = {}): Fixture<typeof TOPICS.postReceived> {
  return fixture(
    TOPICS.postReceived,
    {
      postId,
      platform: 'vk',
      externalId: `ext-${postId}`,
      sourceId: 'vk-search',
      url: `https://vk.com/wall-1_${postId}`,
      community: { id: 'club1', name: 'Госпаблик района' },
      author: { pseudonym: `ps-${postId}`, displayName: 'Иван П.' },
      text,
      createdAt: at.toISOString(),
      attachments: [],
      ...extra,
    },
    at,
  );
}

export function classified(postId: string, topic: string, confidence: number, at: Date, extra: Partial<IncidentClassifiedV2> = {}): Fixture<typeof TOPICS.incidentClassified> {
  return fixture(
    TOPICS.incidentClassified,
    {
      postId,
      kind: { label: 'complaint', confidence: 0.97 },
      topicCode: { label: topic, confidence },
      urgency: { label: 'normal', confidence: 0.9 },
      sentiment: { label: 'negative', confidence: 0.8 },
      modelVersion: 'model-test',
      taxonomyVersion: 'taxonomy-1',
      needsReview: confidence < 0.6,
      explanation: { rules: ['kind:complaint-verb'], features: ['труб* (+1.8)'] },
      text: 'текст',
      urgencyLevel: 'normal',
      place: { territoryCode: '40911000', name: 'Невский район', geo: { lat: 59.88, lon: 30.45 } },
      ...extra,
    },
    at,
  );
}

/** The fixtures' incident number: `78-2026-` and the id, zero-padded. */
export const numberOf = (incidentId: string) => `78-2026-${incidentId.padStart(6, '0')}`;

/** What every incident event of the fixtures says of its incident: a heating complaint in region 40. */
const incidentOf = (incidentId: string) => ({ incidentId, number: numberOf(incidentId), topicCode: 'housing.heating', urgency: 'normal' as const, regionCode: '40' });

/** What every clock event of the fixtures says of its clock: the social-post policy's first answer. */
const clockOf = (incidentId: string, agencyId: string) => ({ incidentId, agencyId, topicCode: 'housing.heating', policy: 'social-post@1', phase: 'first_answer' as const });

export function routed(incidentId: string, postIds: string[], agencyId: string, at: Date, extra: Partial<IncidentRoutedV2> = {}): Fixture<typeof TOPICS.incidentRouted> {
  return fixture(
    TOPICS.incidentRouted,
    {
      ...incidentOf(incidentId),
      place: { territoryCode: '40911000', name: 'Невский район', geo: { lat: 59.88, lon: 30.45 } },
      postIds,
      agencyId,
      coExecutorIds: [],
      decision: { method: 'rule', ruleId: 'r12', confidence: 1, explanation: 'правило 12: отопление × Невский район' },
      routedAt: at.toISOString(),
      ...extra,
    },
    at,
  );
}

export function armed(incidentId: string, agencyId: string, dueAt: Date, at: Date, extra: Partial<SlaArmedV2> = {}): Fixture<typeof TOPICS.slaArmed> {
  return fixture(
    TOPICS.slaArmed,
    {
      ...clockOf(incidentId, agencyId),
      dueAt: dueAt.toISOString(),
      workingMinutes: 240,
      roundTheClock: false,
      calendarKnown: true,
      ...extra,
    },
    at,
  );
}

export function met(incidentId: string, agencyId: string, dueAt: Date, at: Date, onTime = true): Fixture<typeof TOPICS.slaMet> {
  return fixture(
    TOPICS.slaMet,
    {
      ...clockOf(incidentId, agencyId),
      dueAt: dueAt.toISOString(),
      answeredAt: at.toISOString(),
      onTime,
      workingMinutesTaken: 90,
    },
    at,
  );
}

export function breached(incidentId: string, agencyId: string, dueAt: Date, at: Date): Fixture<typeof TOPICS.slaBreached> {
  return fixture(
    TOPICS.slaBreached,
    {
      ...clockOf(incidentId, agencyId),
      dueAt: dueAt.toISOString(),
      breachedAt: at.toISOString(),
    },
    at,
  );
}

/** A clock paused for `reason` (a state or reason code, e.g. `awaiting_clarification`). */
export function paused(incidentId: string, agencyId: string, at: Date, reason = 'awaiting_clarification', usedWorkingMinutes = 60): Fixture<typeof TOPICS.slaPaused> {
  return fixture(
    TOPICS.slaPaused,
    {
      ...clockOf(incidentId, agencyId),
      pausedAt: at.toISOString(),
      reason,
      usedWorkingMinutes,
    },
    at,
  );
}

/** A paused clock counting again towards `dueAt`, the deadline moved by the pause. */
export function resumed(incidentId: string, agencyId: string, dueAt: Date, at: Date): Fixture<typeof TOPICS.slaResumed> {
  return fixture(
    TOPICS.slaResumed,
    {
      ...clockOf(incidentId, agencyId),
      dueAt: dueAt.toISOString(),
      resumedAt: at.toISOString(),
    },
    at,
  );
}

/** Minutes after a fixed instant, to write timelines compactly. */
export function minutes(base: Date, count: number): Date {
  return new Date(base.getTime() + count * 60_000);
}

/** An agency's answer (final by default). */
export function answered(incidentId: string, answerId: string, agencyId: string, at: Date, kind: 'interim' | 'final' = 'final'): Fixture<typeof TOPICS.agencyAnswered> {
  return fixture(
    TOPICS.agencyAnswered,
    {
      answerId,
      incidentId,
      agencyId,
      kind,
      text: 'Работы выполнены',
      photos: [],
      actor: { userId: `u-${agencyId}`, role: 'agency', agencyId },
      answeredAt: at.toISOString(),
      ...(kind === 'interim' && { promisedBy: minutes(at, 24 * 60).toISOString() }),
    },
    at,
  );
}

/** The notifier's flag on an answer that looks like a formal non-answer. */
export function answerFlagged(incidentId: string, answerId: string, agencyId: string, at: Date): Fixture<typeof TOPICS.answerFlagged> {
  return fixture(TOPICS.answerFlagged, { incidentId, answerId, agencyId, scorePercent: 80, reasons: ['no-date'], held: false }, at);
}

/** The router's state change on a citizen's verdict: a dispute gives the incident back, a confirmation closes it. */
export function citizenVerdict(incidentId: string, verdict: 'disputed' | 'confirmed', agencyId: string, at: Date): Fixture<typeof TOPICS.incidentStateChanged> {
  return fixture(
    TOPICS.incidentStateChanged,
    {
      incidentId,
      number: numberOf(incidentId),
      from: 'answered',
      to: verdict === 'disputed' ? 'acknowledged' : 'closed',
      agencyId,
      actor: 'citizen:ps-1',
      reasonCode: verdict === 'disputed' ? 'citizen_disputed' : 'citizen_confirmed',
      changedAt: at.toISOString(),
    },
    at,
  );
}

/** A clock reopened (a formal non-answer or a citizen's dispute). */
export function reopened(incidentId: string, agencyId: string, dueAt: Date, at: Date, reason = 'citizen dispute'): Fixture<typeof TOPICS.slaReopened> {
  return fixture(
    TOPICS.slaReopened,
    {
      ...clockOf(incidentId, agencyId),
      dueAt: dueAt.toISOString(),
      reason,
    },
    at,
  );
}

/** An agency's return, with the minutes of the loss the misroute policy charged to it. */
export function returned(incidentId: string, agencyId: string, at: Date, agencyChargedMinutes: number): Fixture<typeof TOPICS.incidentReturned> {
  return fixture(
    TOPICS.incidentReturned,
    {
      ...incidentOf(incidentId),
      postIds: [`p-${incidentId}`],
      agencyId,
      reason: 'не наша компетенция',
      next: 'triage',
      returnedAt: at.toISOString(),
      lostMinutes: 300,
      agencyChargedMinutes,
    },
    at,
  );
}

/** incident.surge: the router saw `incidentIds` about heating in a territory, detected `agoMs` before now. */
export function surgeDetected(territoryCode: string, territoryName: string, incidentIds: string[], agoMs = 0): Fixture<typeof TOPICS.incidentSurge> {
  const detectedAt = new Date(Date.now() - agoMs);
  return fixture(TOPICS.incidentSurge, { territoryCode, territoryName, topicCode: 'housing.heating', incidentIds, windowMinutes: 60, threshold: 3, detectedAt: detectedAt.toISOString() }, detectedAt);
}
