import { KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@otklik/contracts';

/** Why a message went to the dead-letter topic. */
export type DeadLetterReason = 'validation' | 'handler';

/** Headers that tell an operator where a dead letter came from and why. */
export function deadLetterHeaders(message: KafkaMessage, origin: { topic: string; partition: number; group: string }, reason: DeadLetterReason, error: Error): Record<string, string | Buffer> {
  const headers: Record<string, string | Buffer> = {};
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[key] = first;
  }
  return {
    ...headers,
    'otklik-dlt-origin-topic': origin.topic,
    'otklik-dlt-origin-partition': String(origin.partition),
    'otklik-dlt-origin-offset': message.offset,
    'otklik-dlt-consumer-group': origin.group,
    'otklik-dlt-reason': reason,
    'otklik-dlt-error': error.message.slice(0, 2000),
    'otklik-dlt-at': new Date().toISOString(),
  };
}

/** The dead-letter copy of a message: same key and bytes, origin headers added. */
export function deadLetterMessage(
  message: KafkaMessage,
  origin: { topic: string; partition: number; group: string },
  reason: DeadLetterReason,
  error: Error,
): { topic: string; message: { key: Buffer | null; value: Buffer | null; headers: Record<string, string | Buffer> } } {
  return {
    topic: deadLetterTopic(origin.topic),
    message: { key: message.key, value: message.value, headers: deadLetterHeaders(message, origin, reason, error) },
  };
}
