import { ValidationError } from 'class-validator';
import { EVENT_CATALOGUE, PayloadOf } from './catalogue';
import { describeSchemaErrors, validatorFor } from './compiled-schemas';
import { EventEnvelope } from './envelope';
import { currentTopic, TopicName } from './topics';
import { uuidv7 } from './uuidv7';

/** A message that is not a valid event for its topic; `issues` name each bad field. */
export class EventValidationError extends Error {
  constructor(
    readonly topic: string,
    readonly issues: string[],
  ) {
    super(`invalid event on ${topic}: ${issues.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

/** Flattens class-validator's tree into `path: message` lines. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/**
 * Parses and validates a raw message as the event its topic carries. Throws EventValidationError
 * naming every bad field; unknown extra fields are tolerated so producers can add fields first.
 */
export function decodeEvent<T extends TopicName>(topic: T | string, raw: Buffer | string | null): EventEnvelope<PayloadOf<T & TopicName>> {
  const current = currentTopic(topic);
  const validate = validatorFor(current);
  if (!validate) throw new EventValidationError(topic, ['topic: not in the event catalogue']);
  if (raw === null || raw.length === 0) throw new EventValidationError(topic, ['message: empty']);
  let plain: unknown;
  try {
    plain = JSON.parse(raw.toString());
  } catch (error) {
    throw new EventValidationError(topic, [`message: not JSON (${(error as Error).message})`]);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new EventValidationError(topic, ['message: not a JSON object']);
  }
  if (current !== topic) {
    const envelope = plain as Record<string, unknown>;
    plain = { ...envelope, schemaVersion: EVENT_CATALOGUE[current as TopicName].schemaVersion, payload: upgradedPayload(topic, envelope.payload) };
  }
  if (!validate(plain)) throw new EventValidationError(topic, describeSchemaErrors(validate.errors));
  return plain as EventEnvelope<PayloadOf<T & TopicName>>;
}

/**
 * A payload of `topic` as the topic that superseded it carries it; a current topic's is returned as
 * it is. Read models that kept old payloads use it too. v1 → v2 renamed the taxonomy code from
 * `topic` to `topicCode`; a v1 payload used `topic` for nothing else, at any depth.
 */
export function upgradedPayload(topic: string, payload: unknown): unknown {
  if (currentTopic(topic) === topic) return payload;
  const renamed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(renamed);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key === 'topic' ? 'topicCode' : key, renamed(inner)]));
  };
  return renamed(payload);
}

/** Causal links of a new event. */
export interface EventCause {
  /** Correlation id to carry on; a new event with no cause starts its own. */
  correlationId?: string;
  /** Id of the event that caused this one. */
  causationId?: string;
}

/** Identity of a new event: its causal links and, when it must come out the same on every attempt, its id. */
export interface NewEventIdentity extends EventCause {
  /** Fixed id (see `derivedEventId`) for a fact that may be announced again; a fresh UUIDv7 otherwise. */
  id?: string;
}

/**
 * Builds the envelope of a new event; the payload is validated before anything is sent.
 * `producedBy` names the publishing service (the catalogue's owner when not given).
 */
export function createEvent<T extends TopicName>(topic: T, payload: PayloadOf<T>, identity: NewEventIdentity = {}, now: Date = new Date(), producedBy?: string): EventEnvelope<PayloadOf<T>> {
  const descriptor = EVENT_CATALOGUE[topic];
  const id = identity.id ?? uuidv7(now.getTime());
  const envelope: EventEnvelope<PayloadOf<T>> = {
    id,
    type: descriptor.type,
    schemaVersion: descriptor.schemaVersion,
    occurredAt: now.toISOString(),
    producedBy: producedBy ?? descriptor.producedBy,
    correlationId: identity.correlationId ?? id,
    ...(identity.causationId ? { causationId: identity.causationId } : {}),
    payload,
  };
  // Validate what will be on the wire, as every consumer will read it. Most payloads are plain
  // JSON already and pass as they are; the rest (dates, class instances with toJSON) are judged
  // in their JSON form.
  const validate = validatorFor(topic);
  if (validate && !validate(envelope) && !validate(JSON.parse(JSON.stringify(envelope)))) {
    throw new EventValidationError(
      topic,
      describeSchemaErrors(validate.errors).filter((issue) => issue.startsWith('payload')),
    );
  }
  return envelope;
}

/** The cause to give an event published in reaction to `envelope`. */
export function causedBy(envelope: Pick<EventEnvelope, 'id' | 'correlationId'>): EventCause {
  return { correlationId: envelope.correlationId, causationId: envelope.id };
}
