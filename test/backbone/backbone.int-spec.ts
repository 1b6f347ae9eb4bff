import { trace } from '@opentelemetry/api';
import { createEvent, deadLetterTopic, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { initTracing } from '@otklik/observability';
import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { samplePost } from '../support/posts';
import { PublisherOnlyModule, RelayModule } from './fixtures/relay.module';

describe('event backbone on the real broker and database', () => {
  let infra: IsolatedInfra;
  let source: TestService;
  let relay: TestService;
  let tap: EventTap;
  let publisher: EventPublisher;

  const effectCount = async (postId: string) => {
    const doc = await relay.app
      .get<Connection>(getConnectionToken())
      .collection('effects')
      .findOne({ _id: postId as never });
    return (doc?.count as number | undefined) ?? 0;
  };
  const dismissedFor = (postId: string) => tap.waitFor(TOPICS.postDismissed, (m) => (m.json as { payload: { postId: string } }).payload.postId === postId);

  beforeAll(async () => {
    initTracing('system-tests');
    infra = isolateInfra('backbone');
    process.env.KAFKA_RETRY_BACKOFF_MS = '20';
    source = await startTestService('ingest', PublisherOnlyModule);
    relay = await startTestService('classifier', RelayModule);
    tap = await source.tap([TOPICS.postDismissed, deadLetterTopic(TOPICS.postReceived)]);
    publisher = source.app.get(EventPublisher);
  });

  afterAll(async () => {
    await relay?.close();
    await source?.close();
    await infra?.cleanup();
  });

  it('delivers an event published by one service to another and continues its trace', async () => {
    const tracer = trace.getTracer('system-tests');
    const { traceId, published } = await tracer.startActiveSpan('citizen post arrives', async (span) => {
      const envelope = await publisher.publish(TOPICS.postReceived, samplePost('trace-1'), { key: 'trace-1' });
      span.end();
      return { traceId: span.spanContext().traceId, published: envelope };
    });

    const reaction = await dismissedFor('trace-1');

    expect(reaction.headers.traceparent?.split('-')[1]).toBe(traceId);
    expect(reaction.json).toMatchObject({ causationId: published.id, correlationId: published.correlationId, producedBy: 'classifier' });
  });

  it('dead-letters a malformed message with its origin headers and handles the next message of the partition', async () => {
    await publisher.sendRaw(TOPICS.postReceived, { key: 'same-key', value: '{"payload":{"postId":1}}' });
    await publisher.publish(TOPICS.postReceived, samplePost('after-bad'), { key: 'same-key' });

    const letter = await tap.waitFor(deadLetterTopic(TOPICS.postReceived), (m) => m.key === 'same-key');
    await dismissedFor('after-bad');

    expect(letter.headers).toMatchObject({
      'otklik-dlt-origin-topic': TOPICS.postReceived,
      'otklik-dlt-reason': 'validation',
      'otklik-dlt-consumer-group': `${infra.topicPrefix}otklik.classifier`,
    });
    expect(Number(letter.headers['otklik-dlt-origin-partition'])).toBeGreaterThanOrEqual(0);
    expect(letter.headers['otklik-dlt-origin-offset']).toMatch(/^\d+$/);
    expect(letter.headers['otklik-dlt-error']).toMatch(/id: is required/);
    expect(letter.raw?.toString()).toBe('{"payload":{"postId":1}}');
  });

  it('dead-letters an event whose handler keeps failing after bounded retries', async () => {
    await publisher.publish(TOPICS.postReceived, samplePost('fail-1'), { key: 'failing' });
    await publisher.publish(TOPICS.postReceived, samplePost('after-fail'), { key: 'failing' });

    const letter = await tap.waitFor(deadLetterTopic(TOPICS.postReceived), (m) => m.key === 'failing');
    await dismissedFor('after-fail');

    expect(letter.headers['otklik-dlt-reason']).toBe('handler');
    expect(letter.headers['otklik-dlt-error']).toBe('refusing fail-1');
    expect(letter.headers['otklik-event-id']).toEqual((letter.json as { id: string }).id);
  });

  it('gives an event delivered twice one effect', async () => {
    const envelope = createEvent(TOPICS.postReceived, samplePost('twice'));
    await publisher.send(TOPICS.postReceived, envelope, 'twice');
    await publisher.send(TOPICS.postReceived, envelope, 'twice');
    // A later event on the same key is handled after both copies.
    await publisher.publish(TOPICS.postReceived, samplePost('after-twice'), { key: 'twice' });

    await dismissedFor('after-twice');

    expect(await effectCount('twice')).toBe(1);
    expect(tap.messages.filter((m) => (m.json as { payload?: { postId?: string } }).payload?.postId === 'twice')).toHaveLength(1);
  });

  it('serves readiness that reflects the broker, the consumer and the database', async () => {
    const health = await waitFor('relay ready', async () => {
      const response = await fetch(`${relay.baseUrl}/health/ready`);
      return response.status === 200 ? ((await response.json()) as { details: Record<string, { status: string }> }) : undefined;
    });

    expect(health.details.kafka.status).toBe('up');
    expect(health.details.database.status).toBe('up');
  });

  it('exposes message metrics in the Prometheus text format', async () => {
    const text = await (await fetch(`${relay.baseUrl}/metrics`)).text();

    expect(text).toMatch(/otklik_messages_consumed_total\{topic="otklik.post.received.v1",group="[^"]+"(,service="[^"]+")?\} \d+/);
    expect(text).toContain('otklik_messages_dead_lettered_total');
    expect(text).toContain('otklik_handler_duration_seconds_bucket');
  });
});
