import { KeyedRateLimiter, TELEGRAM_LIMITS, TokenBucket } from './token-bucket';

/** A clock that only moves when the code under test sleeps: limits are checked without waiting. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
    sleeps,
  };
}

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then one token per refill interval', () => {
    const t = virtualTime();
    const b = new TokenBucket(3, 2, t.clock);
    for (let i = 0; i < 3; i++) {
      expect(b.waitMs()).toBe(0);
      b.take();
    }
    expect(b.waitMs()).toBe(500);
    t.advance(500);
    expect(b.waitMs()).toBe(0);
  });

  it('honours a block longer than the refill time', () => {
    const t = virtualTime();
    const b = new TokenBucket(1, 1, t.clock);
    b.block(5000);
    expect(b.waitMs()).toBe(5000);
    t.advance(5000);
    expect(b.waitMs()).toBe(0);
  });

  it('rejects a bucket that could never hand out a token', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
  });
});

describe('KeyedRateLimiter with Telegram limits', () => {
  it('spaces messages to one chat one second apart', async () => {
    const t = virtualTime();
    const limiter = new KeyedRateLimiter(TELEGRAM_LIMITS, t.clock, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire('chat-1');
      times.push(t.now());
    }
    expect(times).toEqual([0, 1000, 2000, 3000]);
  });

  it('spaces messages to different chats 1/30 s apart', async () => {
    const t = virtualTime();
    const limiter = new KeyedRateLimiter(TELEGRAM_LIMITS, t.clock, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire(`chat-${i}`);
      times.push(t.now());
    }
    expect(times).toEqual([0, 34, 68, 102]); // 1/30 s rounded up to whole ms, never early
  });

  it('never lets more than 31 messages into any one-second window across 100 chats', async () => {
    const t = virtualTime();
    const limiter = new KeyedRateLimiter(TELEGRAM_LIMITS, t.clock, t.sleep);
    const sentAt: number[] = [];
    for (let i = 0; i < 100; i++) {
      await limiter.acquire(`chat-${i}`);
      sentAt.push(t.now());
    }
    const worst = Math.max(...sentAt.map((start) => sentAt.filter((ms) => ms >= start && ms < start + 1000).length));
    expect(worst).toBeLessThanOrEqual(31);
    expect(worst).toBeGreaterThanOrEqual(29);
  });

  it('blocks a chat for the time the provider asked', async () => {
    const t = virtualTime();
    const limiter = new KeyedRateLimiter(TELEGRAM_LIMITS, t.clock, t.sleep);
    limiter.block(7000, 'chat-9');
    await limiter.acquire('chat-1');
    expect(t.now()).toBe(0);
    await limiter.acquire('chat-9');
    expect(t.now()).toBe(7000);
  });
});
