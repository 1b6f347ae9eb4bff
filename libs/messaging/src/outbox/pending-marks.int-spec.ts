import mongoose, { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { PendingMarks } from './pending-marks';

describe('PendingMarks on the real database', () => {
  let connection: Connection;
  let marks: PendingMarks;
  const later = () => new Date(Date.now() + 60_000);

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
    connection = await mongoose.createConnection(uri, { dbName: `otklik_test_marks_${randomBytes(4).toString('hex')}` }).asPromise();
    marks = new PendingMarks(connection, 'outbox_marks');
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('lists marks set before a time, oldest first, and keeps the newest version a writer announced', async () => {
    await marks.mark([{ holder: 'post-1', version: 1 }]);
    await marks.mark([
      { holder: 'post-2', version: 1 },
      { holder: 'post-1', version: 3 },
    ]);
    // A slower writer of an older version does not take the mark back.
    await marks.mark([{ holder: 'post-1', version: 2 }]);
    const listed = await marks.oldest(10, later());
    expect(listed).toEqual(
      expect.arrayContaining([
        { holder: 'post-1', version: 3 },
        { holder: 'post-2', version: 1 },
      ]),
    );
    expect(listed).toHaveLength(2);
    expect(await marks.oldest(10, new Date(Date.now() - 60_000))).toEqual([]);
  });

  it('clears a mark up to the version cleared, never one a writer has marked newer since', async () => {
    await marks.mark([{ holder: 'inc-1', version: 4 }]);
    await marks.mark([{ holder: 'inc-2', version: 7 }]);
    await marks.clear([
      { holder: 'inc-1', version: 4 },
      { holder: 'inc-2', version: 6 },
    ]);
    const left = (await marks.oldest(10, later())).filter((m) => m.holder.startsWith('inc-'));
    expect(left).toEqual([{ holder: 'inc-2', version: 7 }]);
  });
});
