import { TOPICS, TopicName } from './topics';
import { AgencyAnsweredV1, IncidentAcknowledgedV1, OperatorActionRequestedV1, ReturnRequestedV1 } from './events/agency.events';
import { ClassificationCorrectedV2, IncidentClassifiedV2, PostDismissedV1 } from './events/classification.events';
import { IncidentReroutedV2, IncidentReturnedV2, IncidentRoutedV2, IncidentStateChangedV1, IncidentSurgeV2 } from './events/incident.events';
import { IncidentMergedV1, IncidentPostAttachedV2, IncidentSplitV2 } from './events/incident-posts.events';
import { AnswerFlaggedV1, NotificationFailedV1, NotificationSentV1, ReplyPublishedV1 } from './events/notification.events';
import { PostDeletedV1, PostEditedV1, PostReceivedV1 } from './events/post.events';
import { SurgeEscalatedV2 } from './events/surge.events';
import { PostVerdictV1 } from './events/verdict.events';
import { SlaArmedV2, SlaBreachedV2, SlaEscalatedV2, SlaMetV2, SlaPausedV2, SlaReopenedV2, SlaResumedV2, SlaWarningV2 } from './events/sla.events';

/** Services that produce events. */
export type Producer = 'ingest' | 'classifier' | 'router' | 'sla-tracker' | 'notifier' | 'desk';

/** What the catalogue knows of one event. */
export interface EventDescriptor<P extends object = object> {
  /** Event type carried in the envelope, e.g. `post.received`. */
  readonly type: string;
  /** Payload schema version; the topic name ends with the same number. */
  readonly schemaVersion: number;
  /** The payload's validated class. */
  readonly payload: new () => P;
  /** Service that publishes it. */
  readonly producedBy: Producer;
  /** One sentence for the event catalogue in docs. */
  readonly description: string;
}

function event<P extends object>(type: string, payload: new () => P, producedBy: Producer, description: string): Omit<EventDescriptor<P>, 'schemaVersion'> {
  return { type, payload, producedBy, description };
}

/** A catalogue's descriptors, each with its schema version. */
type Versioned<C> = { [T in keyof C]: C[T] & { readonly schemaVersion: number } };

/** The descriptors with each one's schema version, read off its topic's name (`….v2` → 2). */
function versioned<C extends Record<TopicName, Omit<EventDescriptor, 'schemaVersion'>>>(catalogue: C): Versioned<C> {
  const entries = Object.entries(catalogue).map(([topic, descriptor]) => [topic, { ...descriptor, schemaVersion: Number(/\.v(\d+)$/.exec(topic)?.[1]) }]);
  return Object.fromEntries(entries) as Versioned<C>;
}

/** Every event of the pipeline, by topic. */
export const EVENT_CATALOGUE = versioned({
  [TOPICS.postReceived]: event('post.received', PostReceivedV1, 'ingest', 'A citizen post was found for the first time.'),
  [TOPICS.postEdited]: event('post.edited', PostEditedV1, 'ingest', 'A known post was edited on its platform.'),
  [TOPICS.postDeleted]: event('post.deleted', PostDeletedV1, 'ingest', 'A known post was deleted on its platform.'),
  [TOPICS.postDismissed]: event('post.dismissed', PostDismissedV1, 'classifier', 'A post needs no action; the reason is kept.'),
  [TOPICS.postVerdict]: event('post.verdict', PostVerdictV1, 'classifier', "A citizen's reply after an answer confirms the work was done or disputes it."),
  [TOPICS.incidentClassified]: event('incident.classified', IncidentClassifiedV2, 'classifier', 'A post was read: kind, topic, urgency, place.'),
  [TOPICS.classificationCorrected]: event('classification.corrected', ClassificationCorrectedV2, 'desk', 'An operator confirmed or corrected a classification.'),
  [TOPICS.incidentRouted]: event('incident.routed', IncidentRoutedV2, 'router', 'An incident was sent to the agency that must act.'),
  [TOPICS.incidentRerouted]: event('incident.rerouted', IncidentReroutedV2, 'router', 'An incident moved to another agency.'),
  [TOPICS.incidentReturned]: event('incident.returned', IncidentReturnedV2, 'router', 'An agency returned an incident as not its competence.'),
  [TOPICS.incidentSurge]: event('incident.surge', IncidentSurgeV2, 'router', 'Many similar incidents on one territory and topic.'),
  [TOPICS.surgeEscalated]: event('surge.escalated', SurgeEscalatedV2, 'desk', 'Nobody acknowledged a surge in time; it went to the supervisors.'),
  [TOPICS.incidentStateChanged]: event('incident.state-changed', IncidentStateChangedV1, 'router', 'An incident changed state.'),
  [TOPICS.incidentPostAttached]: event('incident.post-attached', IncidentPostAttachedV2, 'router', 'A later post about the same problem joined an open incident.'),
  [TOPICS.incidentMerged]: event('incident.merged', IncidentMergedV1, 'router', 'An incident was merged into another, its posts with it.'),
  [TOPICS.incidentSplit]: event('incident.split', IncidentSplitV2, 'router', 'Posts were taken out of an incident into a new one.'),
  [TOPICS.slaArmed]: event('sla.armed', SlaArmedV2, 'sla-tracker', 'A clock started on an incident.'),
  [TOPICS.slaWarning]: event('sla.warning', SlaWarningV2, 'sla-tracker', 'A share of the working time allowed has passed.'),
  [TOPICS.slaBreached]: event('sla.breached', SlaBreachedV2, 'sla-tracker', 'A deadline passed without the answer.'),
  [TOPICS.slaMet]: event('sla.met', SlaMetV2, 'sla-tracker', 'The answer a clock waited for came.'),
  [TOPICS.slaEscalated]: event('sla.escalated', SlaEscalatedV2, 'sla-tracker', 'A breach was escalated up the chain.'),
  [TOPICS.slaReopened]: event('sla.reopened', SlaReopenedV2, 'sla-tracker', 'A stopped clock runs again.'),
  [TOPICS.slaPaused]: event('sla.paused', SlaPausedV2, 'sla-tracker', 'A clock stopped counting while the incident waits (clarification, return, triage).'),
  [TOPICS.slaResumed]: event('sla.resumed', SlaResumedV2, 'sla-tracker', 'A paused clock counts again, with its deadline moved by the pause.'),
  [TOPICS.incidentAcknowledged]: event('incident.acknowledged', IncidentAcknowledgedV1, 'desk', 'An agency took the incident.'),
  [TOPICS.agencyAnswered]: event('agency.answered', AgencyAnsweredV1, 'desk', 'An agency answered: interim or final.'),
  [TOPICS.returnRequested]: event('incident.return-requested', ReturnRequestedV1, 'desk', 'An agency says the incident is not its competence.'),
  [TOPICS.operatorActionRequested]: event('incident.operator-action-requested', OperatorActionRequestedV1, 'desk', 'An operator reassigns, merges, splits or dismisses.'),
  [TOPICS.notificationSent]: event('notification.sent', NotificationSentV1, 'notifier', 'A notification was delivered.'),
  [TOPICS.notificationFailed]: event('notification.failed', NotificationFailedV1, 'notifier', 'A notification failed for good.'),
  [TOPICS.replyPublished]: event('reply.published', ReplyPublishedV1, 'notifier', "An answer was posted under the citizen's post."),
  [TOPICS.answerFlagged]: event('answer.flagged', AnswerFlaggedV1, 'notifier', 'An answer looks like a formal non-answer.'),
} satisfies Record<TopicName, Omit<EventDescriptor, 'schemaVersion'>>);

/** Payload type of the event on a topic. */
export type PayloadOf<T extends TopicName> = InstanceType<(typeof EVENT_CATALOGUE)[T]['payload']>;

/** Descriptor of the event on `topic`, or undefined for a topic outside the catalogue. */
export function describeTopic(topic: string): EventDescriptor | undefined {
  return (EVENT_CATALOGUE as Record<string, EventDescriptor>)[topic];
}
