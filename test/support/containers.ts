/**
 * Kafka and MongoDB for the tests through testcontainers, where a container engine exists
 * (`OTKLIK_TEST_INFRA=containers npm test`). Starts a single-node KRaft broker and a MongoDB 7
 * replica set, writes `KAFKA_BROKERS` and `MONGODB_URI` to the file named by its argument (as
 * `NAME=value` lines, for the shell to export), and keeps both running until it is told to stop
 * (SIGTERM or SIGINT); the containers go with it.
 *
 *   node -r @swc-node/register test/support/containers.ts <env file>
 */
import { renameSync, writeFileSync } from 'node:fs';
import { KafkaContainer, StartedKafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer, StartedMongoDBContainer } from '@testcontainers/mongodb';

/** Confluent Platform 8.0 is Apache Kafka 4.0, in KRaft mode. */
const KAFKA_IMAGE = process.env.OTKLIK_TEST_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:8.0.0';
const MONGODB_IMAGE = process.env.OTKLIK_TEST_MONGODB_IMAGE ?? 'mongo:7.0';
/** The broker's listener the host reaches (the module maps it to a free port). */
const KAFKA_HOST_PORT = 9093;

/** The connection string the services use: a direct connection, the pool they keep everywhere. */
function serviceUri(connectionString: string): string {
  const uri = new URL(connectionString);
  uri.searchParams.set('directConnection', 'true');
  uri.searchParams.set('maxPoolSize', '10');
  return uri.toString();
}

async function main(envFile: string | undefined): Promise<void> {
  if (!envFile) throw new Error('usage: containers.ts <env file>');
  const started: { kafka?: StartedKafkaContainer; mongo?: StartedMongoDBContainer } = {};
  const stop = async () => {
    await Promise.allSettled([started.kafka?.stop(), started.mongo?.stop()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  const [kafka, mongo] = await Promise.all([new KafkaContainer(KAFKA_IMAGE).withKraft().start(), new MongoDBContainer(MONGODB_IMAGE).start()]);
  Object.assign(started, { kafka, mongo });
  const env = {
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(KAFKA_HOST_PORT)}`,
    MONGODB_URI: serviceUri(mongo.getConnectionString()),
  };
  // Written whole, then moved in place: the shell waiting for the file never reads half of it.
  writeFileSync(
    `${envFile}.part`,
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  renameSync(`${envFile}.part`, envFile);
  console.log(`containers: Kafka at ${env.KAFKA_BROKERS} (${KAFKA_IMAGE}), MongoDB at ${env.MONGODB_URI} (${MONGODB_IMAGE})`);
  // Stays up until told to stop.
  setInterval(() => undefined, 60_000);
}

main(process.argv[2]).catch((error: Error) => {
  console.error(`containers: ${error.message}`);
  process.exit(1);
});
