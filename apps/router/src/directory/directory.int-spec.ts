import mongoose, { Connection } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { TINY_AGENCIES, TINY_RULES } from '../testing/fixtures';
import { DirectoryRepository } from './directory.mongo';

describe('the directory on the real database', () => {
  let infra: IsolatedInfra;
  let connection: Connection;

  beforeAll(async () => {
    infra = isolateInfra('router-directory');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 4 }).asPromise();
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  it('gives agencies and rules an earlier release stored the name topicCodes for the taxonomy codes they cover', async () => {
    const { id: agencyId, topicCodes: agencyCodes, ...agency } = TINY_AGENCIES[0];
    const { id: ruleId, topicCodes: ruleCodes, ...rule } = TINY_RULES[0];
    await connection.collection('agencies').insertOne({ ...agency, _id: agencyId, topics: agencyCodes } as never);
    await connection.collection('routing_rules').insertOne({ ...rule, _id: ruleId, topics: ruleCodes } as never);

    const repository = new DirectoryRepository(connection);
    await repository.init();
    expect(await repository.loadAgencies()).toEqual([TINY_AGENCIES[0]]);
    expect(await repository.loadRules()).toEqual([TINY_RULES[0]]);
  });
});
