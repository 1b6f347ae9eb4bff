import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { PrivateKafkaBroker } from '../support/kafka-broker';
import { samplePost } from '../support/posts';
import { RelayModule } from './fixtures/relay.module';

interface Readiness {
  status: string;
  details: Record<string, { status: string; consumer?: string }>;
}

describe('readiness when the broker goes away and comes back', () => {
  let broker: PrivateKafkaBroker;
  let infra: IsolatedInfra;
  let relay: TestService;

  const readiness = async (): Promise<{ code: number; body: Readiness }> => {
    const response = await fetch(`${relay.baseUrl}/health/ready`);
    return { code: response.status, body: (await response.json()) as Readiness };
  };
  const readinessIs = (code: number) =>
    waitFor(
      `readiness ${code}`,
      async () => {
        const answer = await readiness();
        return answer.code === code ? answer : undefined;
      },
      90000,
      250,
    );

  /** Publishes a post and waits until the relay's consumer has handled it. */
  const handled = async (postId: string) => {
    await relay.app.get(EventPublisher).publish(TOPICS.postReceived, samplePost(postId), { key: postId });
    const effects = relay.app.get<Connection>(getConnectionToken()).collection<{ _id: string; count: number }>('effects');
    return waitFor(`${postId} handled`, async () => (await effects.findOne({ _id: postId })) ?? undefined, 90000, 250);
  };
  const replacedConsumers = async () => {
    const text = await (await fetch(`${relay.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('otklik_consumer_replaced_total{'));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  beforeAll(async () => {
    broker = await PrivateKafkaBroker.create();
    await broker.start();
    infra = isolateInfra('readiness');
    process.env.KAFKA_BROKERS = broker.address;
    relay = await startTestService('classifier', RelayModule);
  });

  afterAll(async () => {
    await relay?.close();
    await broker?.destroy();
    await infra?.cleanup();
    delete process.env.KAFKA_BROKERS;
  });

  it('is ready while the broker, the consumer and the database answer', async () => {
    const { body } = await readinessIs(200);

    expect(body.details.kafka.status).toBe('up');
    expect(body.details.database.status).toBe('up');
    expect(await handled('before-outage')).toMatchObject({ count: 1 });
  });

  it('goes down with the broker while liveness stays up, and comes back, consuming, when the broker returns', async () => {
    await broker.stop();

    const down = await readinessIs(503);
    const live = await fetch(`${relay.baseUrl}/health/live`);

    expect(down.body.details.kafka.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');
    expect(live.status).toBe(200);
    // Without a broker the consumer's fetches fail until it crashes; then it waits to be replaced.
    await waitFor('the consumer to crash', async () => (await readiness()).body.details.kafka.consumer === 'starting' || undefined, 90000, 250);

    await broker.start();
    const up = await readinessIs(200);

    expect(up.body.details.kafka.status).toBe('up');
    // The consumer crashed while the broker was away; a new one replaced it and consumes again.
    expect(await replacedConsumers()).toBeGreaterThan(0);
    expect(await handled('after-outage')).toMatchObject({ count: 1 });
  });
});
