import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { deleteTopicsWithPrefix } from '@otklik/messaging';
import { useTestAuthKeys } from './auth';

/** Names that keep one test file's topics, groups and database apart from every other's. */
export interface IsolatedInfra {
  topicPrefix: string;
  database: string;
  mongoUri: string;
  brokers: string;
  /** Drops the database and deletes the topics and consumer groups under the prefix. */
  cleanup(): Promise<void>;
}

/**
 * Points this process at a fresh topic prefix and database on the running broker and database
 * (KAFKA_BROKERS / MONGODB_URI, or the local defaults) by setting the environment services read,
 * and makes services verify tokens with the test key set (see `authHeader`).
 */
export function isolateInfra(label: string): IsolatedInfra {
  const id = `${label}-${randomBytes(4).toString('hex')}`;
  const topicPrefix = `t-${id}.`;
  const database = `otklik_test_${id.replace(/-/g, '_')}`.slice(0, 60);
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  process.env.KAFKA_TOPIC_PREFIX = topicPrefix;
  process.env.MONGODB_DB = database;
  process.env.KAFKA_BROKERS = brokers;
  process.env.MONGODB_URI = mongoUri;
  process.env.LOG_LEVEL ??= 'warn';
  useTestAuthKeys();
  return {
    topicPrefix,
    database,
    mongoUri,
    brokers,
    async cleanup() {
      const connection = await mongoose.createConnection(mongoUri, { dbName: database, maxPoolSize: 2 }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
      await deleteTopicsWithPrefix(brokers.split(','), topicPrefix);
    },
  };
}
