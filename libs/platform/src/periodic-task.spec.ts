import { PeriodicTask } from './periodic-task';

const logger = () => ({ error: jest.fn() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 10_000; waited += 5) await sleep(5);
}

describe('PeriodicTask', () => {
  it('runs again and again, never two runs at once', async () => {
    let active = 0;
    let overlapped = false;
    let runs = 0;
    const task = new PeriodicTask(
      't',
      5,
      async () => {
        overlapped ||= active > 0;
        active++;
        await sleep(15);
        active--;
        runs++;
      },
      logger(),
    );
    task.start(0);
    void task.runNow();
    await until(() => runs >= 3);
    await task.stop();

    expect(runs).toBeGreaterThanOrEqual(3);
    expect(overlapped).toBe(false);
  });

  it('logs a failed run with its name and goes on', async () => {
    const log = logger();
    let runs = 0;
    const task = new PeriodicTask(
      'flush',
      5,
      async () => {
        runs++;
        throw new Error('database away');
      },
      log,
    );
    task.start(0);
    await until(() => runs >= 2);
    await task.stop();

    expect(runs).toBeGreaterThanOrEqual(2);
    expect(log.error).toHaveBeenCalledWith('flush failed; will retry: database away');
  });

  it('waits on stop for the run in progress, and plans nothing after', async () => {
    let finished = 0;
    const task = new PeriodicTask(
      't',
      1,
      async () => {
        await sleep(30);
        finished++;
      },
      logger(),
    );
    task.start(0);
    await sleep(5);
    await task.stop();
    const afterStop = finished;
    await sleep(40);

    expect(afterStop).toBe(1);
    expect(finished).toBe(1);
  });
});
