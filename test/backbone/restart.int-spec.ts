import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { isolateInfra, IsolatedInfra, startTestService, TestService, waitFor } from '@otklik/testing';
import { ChildService, startChild } from '../support/child-service';
import { samplePost } from '../support/posts';
import { PublisherOnlyModule } from './fixtures/relay.module';

const EVENTS = 2000;
jest.setTimeout(300000);

describe('a consumer stopped mid-stream and started again', () => {
  let infra: IsolatedInfra;
  let source: TestService;
  let relay: ChildService | undefined;

  const effects = () => source.app.get<Connection>(getConnectionToken()).collection<{ _id: string; count: number }>('effects');
  const startRelay = (mode: 'plain' | 'guarded') =>
    startChild(
      'test/backbone/fixtures/relay-main.ts',
      // Small fetches (~100 events) so that a stop lands between batches, not after the last one.
      { RELAY_EFFECT_MODE: mode, LOG_LEVEL: 'error', KAFKA_MAX_BATCH_BYTES: '65536' },
      'relay ready',
    );

  async function publishBurst(label: string): Promise<string[]> {
    const ids = Array.from({ length: EVENTS }, (_, n) => `${label}-${n}`);
    const publisher = source.app.get(EventPublisher);
    await Promise.all(ids.map((id, n) => publisher.publish(TOPICS.postReceived, samplePost(id), { key: `key-${n % 50}` })));
    return ids;
  }

  async function handledSoFar(label: string): Promise<number> {
    return effects().countDocuments({ _id: { $regex: `^${label}-` } });
  }

  async function runToCompletion(label: string, tap: EventTap, mode: 'plain' | 'guarded') {
    relay = await startRelay(mode);
    await waitFor(`all ${label} events handled`, async () => (await handledSoFar(label)) === EVENTS, 90000, 200);
    // Every handled event publishes one reaction; wait until the last ones have arrived.
    await waitFor(`${label} reactions`, () => tap.messages.filter((m) => m.key?.startsWith(label)).length >= EVENTS, 30000);
  }

  beforeAll(async () => {
    // The child processes share this database and topic prefix through the environment.
    infra = isolateInfra('restart');
    source = await startTestService('ingest', PublisherOnlyModule);
  });

  afterEach(async () => {
    relay?.process.kill('SIGKILL');
    await relay?.exited;
    relay = undefined;
  });

  afterAll(async () => {
    await source?.close();
    await infra?.cleanup();
  });

  it('after SIGTERM resumes from its committed offset with every event handled exactly once', async () => {
    const tap = await source.tap([TOPICS.postDismissed]);
    const ids = await publishBurst('term');
    relay = await startRelay('plain');
    await waitFor('part of the stream handled', async () => (await handledSoFar('term')) >= EVENTS / 4, 60000, 20);

    relay.process.kill('SIGTERM');
    // Nest re-raises the signal once shutdown is done, so the exit reads as SIGTERM.
    expect([0, 'SIGTERM']).toContain(await relay.exited);
    const handledBeforeRestart = await handledSoFar('term');
    await runToCompletion('term', tap, 'plain');

    expect(handledBeforeRestart).toBeLessThan(EVENTS);
    const counts = await effects()
      .find({ _id: { $in: ids } })
      .toArray();
    expect(counts).toHaveLength(EVENTS);
    expect(counts.filter((doc) => doc.count !== 1)).toEqual([]);
  });

  it('after SIGKILL loses nothing and, with idempotent writes, has no double effect', async () => {
    const tap = await source.tap([TOPICS.postDismissed]);
    const ids = await publishBurst('kill');
    relay = await startRelay('guarded');
    await waitFor('part of the stream handled', async () => (await handledSoFar('kill')) >= EVENTS / 4, 60000, 20);

    relay.process.kill('SIGKILL');
    await relay.exited;
    await runToCompletion('kill', tap, 'guarded');

    const counts = await effects()
      .find({ _id: { $in: ids } })
      .toArray();
    expect(counts).toHaveLength(EVENTS);
    expect(counts.filter((doc) => doc.count !== 1)).toEqual([]);
  });
});
