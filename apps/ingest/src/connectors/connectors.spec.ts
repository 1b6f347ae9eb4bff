import { AccessSkippedError, AuthFailedError, PermanentConnectorError, RateLimitedError, SlowDownError, TransientConnectorError } from './connector-errors';
import { errorForCode } from './limited-api';
import { RateLimiter, SLOW_FACTOR } from './rate-limiter';
import { withRetry } from './retry';
import { VK_ERROR_CODES } from '../vk/vk-api.client';

describe('RateLimiter', () => {
  it('spaces requests of one token to the rate, other tokens independently, slower after slowDown', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(
      3,
      async (ms) => {
        waits.push(Math.round(ms));
      },
      () => now,
    );
    for (let i = 0; i < 3; i += 1) await limiter.acquire('a');
    await limiter.acquire('b');
    expect(waits).toEqual([333, 667]);
    now = 1000;
    limiter.slowDown('a', 60_000);
    expect(limiter.isSlowed('a')).toBe(true);
    await limiter.acquire('a');
    await limiter.acquire('a');
    expect(waits.slice(2)).toEqual([Math.round((1000 / 3) * SLOW_FACTOR)]);
  });
});

describe('errorForCode (VK)', () => {
  it('sorts VK error codes into what to do', () => {
    expect(errorForCode('m', 6, VK_ERROR_CODES)).toBeInstanceOf(RateLimitedError);
    expect(errorForCode('m', 10, VK_ERROR_CODES)).toBeInstanceOf(TransientConnectorError);
    expect(errorForCode('m', 9, VK_ERROR_CODES)).toBeInstanceOf(SlowDownError);
    expect(errorForCode('m', 29, VK_ERROR_CODES)).toBeInstanceOf(SlowDownError);
    expect(errorForCode('m', 5, VK_ERROR_CODES)).toBeInstanceOf(AuthFailedError);
    expect(errorForCode('m', 27, VK_ERROR_CODES)).toBeInstanceOf(AuthFailedError);
    for (const code of [15, 18, 30]) expect(errorForCode('m', code, VK_ERROR_CODES)).toBeInstanceOf(AccessSkippedError);
    expect(errorForCode('m', 100, VK_ERROR_CODES)).toBeInstanceOf(PermanentConnectorError);
  });
});

describe('withRetry', () => {
  it('retries what may be retried, obeys a requested wait, and gives up after the attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new RateLimitedError('429', 1234);
        if (calls === 2) throw new TransientConnectorError('502');
        return 'done';
      },
      { attempts: 3, baseDelayMs: 10, maxDelayMs: 5000 },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe('done');
    expect(waits[0]).toBe(1234);
    await expect(
      withRetry(
        async () => {
          throw new TransientConnectorError('down');
        },
        { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
        async () => undefined,
      ),
    ).rejects.toThrow('down');
    await expect(
      withRetry(
        async () => {
          throw new AuthFailedError('no');
        },
        { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
        async () => {
          throw new Error('must not wait');
        },
      ),
    ).rejects.toBeInstanceOf(AuthFailedError);
  });
});
