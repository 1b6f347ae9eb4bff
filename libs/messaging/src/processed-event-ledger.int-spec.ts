import mongoose, { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { MongoProcessedEventLedger } from './processed-event-ledger';

describe('MongoProcessedEventLedger on the real database', () => {
  let connection: Connection;
  let ledger: MongoProcessedEventLedger;
  const at = (offset: string) => ({ topic: 'otklik.post.received.v1', partition: 0, offset });

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
    connection = await mongoose.createConnection(uri, { dbName: `otklik_test_ledger_${randomBytes(4).toString('hex')}` }).asPromise();
    ledger = new MongoProcessedEventLedger(connection);
    await ledger.init();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('reports no watermark for a partition it has not seen, then the offset it was advanced to', async () => {
    expect(await ledger.watermark('g1', { topic: 't', partition: 0 })).toBe(-1n);

    await ledger.advance('g1', { topic: 't', partition: 0, offset: '41' });

    expect(await ledger.watermark('g1', { topic: 't', partition: 0 })).toBe(41n);
    expect(await ledger.watermark('g2', { topic: 't', partition: 0 })).toBe(-1n);
  });

  it('claims an event once per group and names a second copy at another offset as a duplicate', async () => {
    expect(
      await ledger.claim('g1', [
        { eventId: 'e1', ...at('1') },
        { eventId: 'e2', ...at('2') },
      ]),
    ).toEqual(new Set());

    const duplicates = await ledger.claim('g1', [
      { eventId: 'e1', ...at('7') },
      { eventId: 'e3', ...at('8') },
    ]);

    expect(duplicates).toEqual(new Set(['e1']));
    expect(await ledger.claim('g2', [{ eventId: 'e1', ...at('1') }])).toEqual(new Set());
  });

  it('lets the same message be claimed again after a crash (same position), so it is handled, not lost', async () => {
    await ledger.claim('g3', [{ eventId: 'e9', ...at('90') }]);

    expect(await ledger.claim('g3', [{ eventId: 'e9', ...at('90') }])).toEqual(new Set());
  });

  it('purges claims older than the retention and keeps newer ones', async () => {
    await ledger.claim('g4', [{ eventId: 'old', ...at('1') }]);
    const cutoff = new Date(Date.now() + 1000);
    const deleted = await ledger.purge(cutoff);

    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await ledger.claim('g4', [{ eventId: 'old', ...at('5') }])).toEqual(new Set());
  });
});
