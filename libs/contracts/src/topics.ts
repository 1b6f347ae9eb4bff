/**
 * Every Kafka topic of the pipeline: `otklik.<entity>.<event>.v<N>`. A breaking change of a
 * payload is a new version, served next to the old one while consumers move.
 */
export const TOPICS = {
  postReceived: 'otklik.post.received.v1',
  postEdited: 'otklik.post.edited.v1',
  postDeleted: 'otklik.post.deleted.v1',
  postDismissed: 'otklik.post.dismissed.v1',
  postVerdict: 'otklik.post.verdict.v1',
  incidentClassified: 'otklik.incident.classified.v2',
  classificationCorrected: 'otklik.classification.corrected.v2',
  incidentRouted: 'otklik.incident.routed.v2',
  incidentRerouted: 'otklik.incident.rerouted.v2',
  incidentReturned: 'otklik.incident.returned.v2',
  incidentSurge: 'otklik.incident.surge.v2',
  surgeEscalated: 'otklik.surge.escalated.v2',
  incidentStateChanged: 'otklik.incident.state-changed.v1',
  incidentPostAttached: 'otklik.incident.post-attached.v2',
  incidentMerged: 'otklik.incident.merged.v1',
  incidentSplit: 'otklik.incident.split.v2',
  slaArmed: 'otklik.sla.armed.v2',
  slaWarning: 'otklik.sla.warning.v2',
  slaBreached: 'otklik.sla.breached.v2',
  slaMet: 'otklik.sla.met.v2',
  slaEscalated: 'otklik.sla.escalated.v2',
  slaReopened: 'otklik.sla.reopened.v2',
  slaPaused: 'otklik.sla.paused.v2',
  slaResumed: 'otklik.sla.resumed.v2',
  incidentAcknowledged: 'otklik.incident.acknowledged.v1',
  agencyAnswered: 'otklik.agency.answered.v1',
  returnRequested: 'otklik.incident.return-requested.v1',
  operatorActionRequested: 'otklik.incident.operator-action-requested.v1',
  notificationSent: 'otklik.notification.sent.v1',
  notificationFailed: 'otklik.notification.failed.v1',
  replyPublished: 'otklik.reply.published.v1',
  answerFlagged: 'otklik.answer.flagged.v1',
} as const;

/**
 * Topics of earlier payload versions, each with the topic that superseded it. Consumers still read
 * them, upgrading every event to the current payload, so events published before an upgrade (on
 * the broker or in an outbox) are handled; nothing publishes to them any more.
 *
 * v1 → v2: the taxonomy code is `topicCode`, no longer `topic` (which names Kafka topics only).
 */
export const SUPERSEDED_TOPICS: Readonly<Record<string, TopicKey>> = {
  'otklik.incident.classified.v1': 'incidentClassified',
  'otklik.classification.corrected.v1': 'classificationCorrected',
  'otklik.incident.routed.v1': 'incidentRouted',
  'otklik.incident.rerouted.v1': 'incidentRerouted',
  'otklik.incident.returned.v1': 'incidentReturned',
  'otklik.incident.surge.v1': 'incidentSurge',
  'otklik.surge.escalated.v1': 'surgeEscalated',
  'otklik.incident.post-attached.v1': 'incidentPostAttached',
  'otklik.incident.split.v1': 'incidentSplit',
  'otklik.sla.armed.v1': 'slaArmed',
  'otklik.sla.warning.v1': 'slaWarning',
  'otklik.sla.breached.v1': 'slaBreached',
  'otklik.sla.met.v1': 'slaMet',
  'otklik.sla.escalated.v1': 'slaEscalated',
  'otklik.sla.reopened.v1': 'slaReopened',
  'otklik.sla.paused.v1': 'slaPaused',
  'otklik.sla.resumed.v1': 'slaResumed',
};

/** The catalogue topic whose handler reads events of `topic`: the topic that superseded it, or itself. */
export function currentTopic(topic: string): string {
  const key = SUPERSEDED_TOPICS[topic];
  return key ? TOPICS[key] : topic;
}

/** The superseded topics whose events `topic`'s handler reads too. */
export function supersededBy(topic: string): string[] {
  return Object.keys(SUPERSEDED_TOPICS).filter((old) => TOPICS[SUPERSEDED_TOPICS[old]] === topic);
}

/** Logical name of a topic in the catalogue. */
export type TopicKey = keyof typeof TOPICS;
/** A topic name from the catalogue. */
export type TopicName = (typeof TOPICS)[TopicKey];

/** Dead-letter topic for messages of `topic` that could not be handled. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}
