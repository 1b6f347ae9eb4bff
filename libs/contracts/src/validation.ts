import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { describeTopic, EVENT_CATALOGUE, PayloadOf } from './catalogue';
import { EventEnvelope } from './envelope';
import { TopicName } from './topics';
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
  const descriptor = describeTopic(topic);
  if (!descriptor) throw new EventValidationError(topic, ['topic: not in the event catalogue']);
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
  const envelope = plainToInstance(EventEnvelope, plain);
  const issues = describeValidationErrors(validateSync(envelope));
  if (envelope.type !== undefined && envelope.type !== descriptor.type) {
    issues.push(`type: expected ${descriptor.type} on this topic, got ${String(envelope.type)}`);
  }
  if (envelope.schemaVersion !== undefined && envelope.schemaVersion !== descriptor.schemaVersion) {
    issues.push(`schemaVersion: expected ${descriptor.schemaVersion}, got ${String(envelope.schemaVersion)}`);
  }
  if (typeof envelope.payload === 'object' && envelope.payload !== null) {
    const payload = plainToInstance(descriptor.payload, envelope.payload);
    issues.push(...describeValidationErrors(validateSync(payload), 'payload'));
    envelope.payload = payload;
  }
  if (issues.length > 0) throw new EventValidationError(topic, issues);
  return envelope as EventEnvelope<PayloadOf<T & TopicName>>;
}

/** Causal links of a new event. */
export interface EventCause {
  /** Correlation id to carry on; a new event with no cause starts its own. */
  correlationId?: string;
  /** Id of the event that caused this one. */
  causationId?: string;
}

/** Builds the envelope of a new event; the payload is validated before anything is sent. */
export function createEvent<T extends TopicName>(
  topic: T, payload: PayloadOf<T>, cause: EventCause = {}, now: Date = new Date(),
): EventEnvelope<PayloadOf<T>> {
  const descriptor: { type: string; schemaVersion: number; payload: new () => object; producedBy: string } = EVENT_CATALOGUE[topic];
  const instance = plainToInstance(descriptor.payload, payload);
  const issues = describeValidationErrors(validateSync(instance), 'payload');
  if (issues.length > 0) throw new EventValidationError(topic, issues);
  const id = uuidv7(now.getTime());
  return {
    id,
    type: descriptor.type,
    schemaVersion: descriptor.schemaVersion,
    occurredAt: now.toISOString(),
    producedBy: descriptor.producedBy,
    correlationId: cause.correlationId ?? id,
    causationId: cause.causationId,
    payload,
  };
}

/** The cause to give an event published in reaction to `envelope`. */
export function causedBy(envelope: Pick<EventEnvelope, 'id' | 'correlationId'>): EventCause {
  return { correlationId: envelope.correlationId, causationId: envelope.id };
}
