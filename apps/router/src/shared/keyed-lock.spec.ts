import { KeyedLock } from './keyed-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedLock', () => {
  it('runs the work of one key one at a time, in arrival order, and of different keys at once', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (key: string, name: string) =>
      lock.run(key, async () => {
        running += 1;
        most = Math.max(most, running);
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
        running -= 1;
        return name;
      });
    const results = await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1'), job('a', 'a3')]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    const ofA = log.filter((entry) => entry.startsWith('a'));
    expect(ofA).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(most).toBe(2);
    expect(lock.size).toBe(0);
  });

  it('lets the next work run after one fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('a', async () => 'next')).toBe('next');
    expect(lock.size).toBe(0);
  });
});
