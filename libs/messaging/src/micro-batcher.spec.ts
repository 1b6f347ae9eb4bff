import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('hands items added together to one flush and resolves each caller after it', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number>(async (items) => void batches.push(items), 5, 100);

    await Promise.all([1, 2, 3].map((n) => batcher.add(n)));

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when the batch is full', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number>(async (items) => void batches.push(items), 60_000, 2);

    await Promise.all([batcher.add(1), batcher.add(2)]);

    expect(batches).toEqual([[1, 2]]);
  });

  it('rejects every caller of a batch whose flush failed, and keeps working', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number>(
      async () => {
        if (fail) throw new Error('broker away');
      },
      1,
      10,
    );

    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    fail = false;

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.add(3)).resolves.toBeUndefined();
  });

  it('runs batches one after another, never two flushes at once', async () => {
    let running = 0;
    let overlap = false;
    const batcher = new MicroBatcher<number>(
      async () => {
        running += 1;
        overlap ||= running > 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      },
      0,
      1,
    );

    await Promise.all(Array.from({ length: 10 }, (_, n) => batcher.add(n)));

    expect(overlap).toBe(false);
  });
});
