import { TimerHeap } from './timer-heap';
import { TimerScheduler, TimerSource } from './timer-scheduler';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const emptySource: TimerSource = { loadDueBefore: async () => undefined };

describe('TimerHeap', () => {
  it('pops entries in due order, whatever the order they were pushed in', () => {
    const heap = new TimerHeap();
    let seed = 11;
    const dues: number[] = [];
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 48271) % 2147483647;
      dues.push(seed % 100_000);
      heap.push(`t${i}`, dues[i]);
    }
    const popped: number[] = [];
    for (let entry = heap.pop(); entry; entry = heap.pop()) popped.push(entry.at);
    expect(popped).toEqual([...dues].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });
});

describe('TimerScheduler', () => {
  it('loads overdue timers at start and fires them oldest first', async () => {
    const now = Date.now();
    const source: TimerSource = {
      loadDueBefore: async (from, until, on) => {
        for (const [id, at] of [
          ['b', now - 1000],
          ['a', now - 5000],
          ['later', now + 3_600_000],
        ] as const)
          if (at >= from && at < until) on(id, at);
      },
    };
    const fired = deferred<string[]>();
    const scheduler = new TimerScheduler(source, async (due) => fired.resolve(due.map((d) => d.id)), { horizonMs: 60_000, batchSize: 10 });
    await scheduler.start(now - 86_400_000);
    expect(await fired.promise).toEqual(['a', 'b']);
    expect(scheduler.holds('later')).toBe(false);
    await scheduler.stop();
  });

  it('keeps a timer set while a refill reads the store over what the refill reads, even beyond the old horizon', async () => {
    const now = Date.now();
    const reading = deferred<void>();
    const readingGoesOn = deferred<void>();
    let refills = 0;
    const source: TimerSource = {
      loadDueBefore: async (_from, _until, on) => {
        if (++refills === 1) return;
        reading.resolve();
        await readingGoesOn.promise;
        on('moved', now + 7_000);
        on('read', now + 8_000);
      },
    };
    // Horizon 10 s: the first refill ends at once, the second starts when half of it has passed.
    let clock = now;
    const scheduler = new TimerScheduler(source, async () => undefined, { horizonMs: 10_000, batchSize: 10, now: () => clock });
    await scheduler.start(now);
    clock = now + 6_000;
    scheduler.schedule('due-now', now);
    await reading.promise;
    scheduler.schedule('moved', now + 12_000);
    scheduler.schedule('beyond', now + 14_000);
    readingGoesOn.resolve();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(scheduler.dueOf('moved')).toBe(now + 12_000);
    expect(scheduler.dueOf('beyond')).toBe(now + 14_000);
    expect(scheduler.dueOf('read')).toBe(now + 8_000);
    expect(scheduler.changedSinceRefillBegan('moved')).toBe(false);
    await scheduler.stop();
  });

  it('fires a moved timer only at its new time and never a cancelled one', async () => {
    const seen: string[] = [];
    const last = deferred<void>();
    const scheduler = new TimerScheduler(
      emptySource,
      async (due) => {
        seen.push(...due.map((d) => d.id));
        if (seen.includes('last')) last.resolve();
      },
      { horizonMs: 60_000, batchSize: 10 },
    );
    await scheduler.start(Date.now());
    const now = Date.now();
    scheduler.schedule('moved', now + 5);
    scheduler.schedule('moved', now + 40);
    scheduler.schedule('cancelled', now + 10);
    scheduler.schedule('cancelled', null);
    scheduler.schedule('last', now + 60);
    await last.promise;
    expect(seen).toEqual(['moved', 'last']);
    await scheduler.stop();
  });

  it('retries a batch whose handler failed, losing nothing', async () => {
    let calls = 0;
    const done = deferred<string[]>();
    const errors: string[] = [];
    const scheduler = new TimerScheduler(
      emptySource,
      async (due) => {
        if (++calls === 1) throw new Error('database away');
        done.resolve(due.map((d) => d.id));
      },
      { horizonMs: 60_000, batchSize: 10, retryMs: 5, onError: (e) => errors.push(e.message) },
    );
    await scheduler.start(Date.now());
    scheduler.schedule('x', Date.now());
    expect(await done.promise).toEqual(['x']);
    expect(errors).toEqual(['database away']);
    await scheduler.stop();
  });
});
