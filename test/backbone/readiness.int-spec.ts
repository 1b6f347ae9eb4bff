import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { PrivateKafkaBroker } from '../support/kafka-broker';
import { RelayModule } from './fixtures/relay.module';

interface Readiness {
  status: string;
  details: Record<string, { status: string }>;
}

describe('readiness when the broker goes away and comes back', () => {
  let broker: PrivateKafkaBroker;
  let infra: IsolatedInfra;
  let relay: TestService;

  const readiness = async (): Promise<{ code: number; body: Readiness }> => {
    const response = await fetch(`${relay.baseUrl}/health/ready`);
    return { code: response.status, body: (await response.json()) as Readiness };
  };
  const readinessIs = (code: number) => waitFor(`readiness ${code}`, async () => {
    const answer = await readiness();
    return answer.code === code ? answer : undefined;
  }, 90000, 250);

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
  });

  it('goes down with the broker while liveness stays up, and comes back when the broker returns', async () => {
    await broker.stop();

    const down = await readinessIs(503);
    const live = await fetch(`${relay.baseUrl}/health/live`);

    expect(down.body.details.kafka.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');
    expect(live.status).toBe(200);

    await broker.start();
    const up = await readinessIs(200);

    expect(up.body.details.kafka.status).toBe('up');
  });
});
