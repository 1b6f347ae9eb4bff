import { AnswerQualityService } from '../answer-quality/answer-quality.service';
import { deliveryHarness } from '../testing/delivery-harness';
import { BotApiTestServer } from '../testing/bot-api-test-server';
import { TelegramBotClient } from '../telegram/telegram-bot.client';
import { TelegramChannel } from '../telegram/telegram.channel';
import { okSignature, OkReplyChannel } from './ok-api.client';
import { OkApiTestServer, VkApiTestServer } from '../testing/platform-test-servers';
import { PostRef } from '../delivery/post-ref';
import { AnswerToPublish, ReplyBackService } from './reply-back.service';
import { VkReplyChannel } from './vk-wall.client';

const OK_METHOD = 'discussions.addDiscussionComment';

describe('okSignature', () => {
  it('matches the worked example of OK’s signing rules', () => {
    // Known vector: sorted params + session secret key, md5, lower-case hex.
    const params = { application_key: 'ABCDEFGHIGKLMNOPK', format: 'json', method: 'events.get', access_token: 'not-signed' };
    expect(okSignature(params, 'ae5362b5b588cc7294c2414d71b74d5d')).toBe('03a41413523ea8092507949d6e711963');
  });
});

describe('ReplyBackService against local VK, Telegram and OK APIs', () => {
  const vk = new VkApiTestServer('vk-token');
  const tg = new BotApiTestServer('42:tg');
  const ok = new OkApiTestServer('APPKEY', 'app-secret', 'ok-token', OK_METHOD);
  let channels: { vk: VkReplyChannel; tg: TelegramChannel; ok: OkReplyChannel };
  let okUrl: string;

  beforeAll(async () => {
    const [vkUrl, tgUrl, okBase] = await Promise.all([vk.http.start(), tg.start(), ok.http.start()]);
    okUrl = okBase;
    channels = {
      vk: new VkReplyChannel({ baseUrl: vkUrl, accessToken: 'vk-token', timeoutMs: 5000 }),
      tg: new TelegramChannel(new TelegramBotClient({ baseUrl: tgUrl, token: '42:tg', timeoutMs: 5000 })),
      ok: new OkReplyChannel({ baseUrl: okUrl, applicationKey: 'APPKEY', applicationSecretKey: 'app-secret', accessToken: 'ok-token', commentMethod: OK_METHOD }),
    };
    vk.walls.set('-100', new Set([5, 6]));
    tg.addChat('-100200', [31]);
    ok.topics.add('7001');
  });
  afterAll(() => Promise.all([vk.http.stop(), tg.stop(), ok.http.stop()]));

  const posts: PostRef[] = [
    { postId: 'p-vk', platform: 'vk', externalId: '-100_5', communityId: '-100' },
    { postId: 'p-vk-comment', platform: 'vk', externalId: '-100_77', communityId: '-100', threadId: '-100_6' },
    { postId: 'p-tg', platform: 'telegram', externalId: '31', communityId: '-100200' },
    { postId: 'p-ok', platform: 'ok', externalId: '7001', communityId: '555' },
  ];
  const answer = (over: Partial<AnswerToPublish> = {}): AnswerToPublish => ({
    eventId: 'ev-ans-1',
    answerId: 'ans-1',
    incidentId: 'inc-1',
    incidentNumber: '78-2026-000123',
    agencyId: 'ag-1',
    text: 'Яма на ул. Садовой заделана 12.03.2026, работы выполнены подрядчиком.',
    posts,
    ...over,
  });
  const service = (holdFlagged: boolean) => {
    const h = deliveryHarness([channels.vk, channels.tg, channels.ok]);
    return { ...h, replies: new ReplyBackService(h.service, new AnswerQualityService({ holdFlagged }), (n) => `https://desk.otklik.test/i/${n}`, h.clock.now) };
  };

  it('posts the answer with the incident link under every original post', async () => {
    const { replies, outcomes } = service(true);
    const result = await replies.publish(answer());
    expect(result.assessment.flagged).toBe(false);
    expect(outcomes.sent.map((r) => r.recipient).sort()).toEqual(['post:p-ok', 'post:p-tg', 'post:p-vk', 'post:p-vk-comment']);

    const link = 'https://desk.otklik.test/i/78-2026-000123';
    expect(vk.comments).toEqual([
      expect.objectContaining({ ownerId: '-100', postId: 5, fromGroup: '100', message: expect.stringContaining(link) }),
      expect.objectContaining({ ownerId: '-100', postId: 6, replyTo: 77 }),
    ]);
    expect(tg.sent).toEqual([expect.objectContaining({ chatId: '-100200', replyTo: 31, text: expect.stringContaining('заделана') })]);
    expect(ok.comments).toEqual([expect.objectContaining({ topicId: '7001', text: expect.stringContaining(link) })]);
    expect(outcomes.sent.find((r) => r.recipient === 'post:p-ok')?.externalId).toBe(ok.comments[0].id);
  });

  it('does not post twice when the answered event is redelivered', async () => {
    const { replies } = service(true);
    const before = vk.comments.length + tg.sent.length + ok.comments.length;
    await replies.publish(answer({ eventId: 'ev-ans-2' }));
    await replies.publish(answer({ eventId: 'ev-ans-2' }));
    expect(vk.comments.length + tg.sent.length + ok.comments.length - before).toBe(4);
  });

  it('holds a formal non-answer for an operator, then publishes it when released', async () => {
    const { replies, service: deliveries, outcomes } = service(true);
    const before = vk.comments.length;
    const result = await replies.publish(answer({ eventId: 'ev-ans-3', text: 'Ваше обращение принято к сведению.', posts: [posts[0]] }));
    expect(result.assessment).toMatchObject({ flagged: true, held: true });
    expect(result.deliveries[0].status).toBe('held');
    expect(vk.comments.length).toBe(before);
    await deliveries.release(result.deliveries[0].id);
    expect(vk.comments.length).toBe(before + 1);
    expect(outcomes.sent).toHaveLength(1);
  });

  it('publishes a flagged answer at once when holding is switched off', async () => {
    const { replies } = service(false);
    const result = await replies.publish(answer({ eventId: 'ev-ans-4', text: 'Принято к сведению.', posts: [posts[2]] }));
    expect(result.assessment).toMatchObject({ flagged: true, held: false });
    expect(result.deliveries[0].status).toBe('sent');
  });

  it('retries VK’s “too many requests” and fails for good on a post that is gone', async () => {
    const { replies, clock, service: deliveries } = service(true);
    vk.tooManyRequests = 1;
    const gone: PostRef = { postId: 'p-gone', platform: 'vk', externalId: '-100_404', communityId: '-100' };
    const result = await replies.publish(answer({ eventId: 'ev-ans-5', posts: [posts[0], gone] }));
    expect(result.deliveries.map((d) => d.status)).toEqual(['retry', 'failed']);
    expect(result.deliveries[1].lastError).toContain('vk 100');
    clock.set(result.deliveries[0].notBefore);
    expect(await deliveries.runDue()).toBe(1);
  });

  it('gets OK’s signature error when the secret is wrong', async () => {
    const bad = new OkReplyChannel({ baseUrl: okUrl, applicationKey: 'APPKEY', applicationSecretKey: 'wrong', accessToken: 'ok-token', commentMethod: OK_METHOD });
    const err = await bad.send({ deliveryId: 'x', address: '555', text: 't', replyTo: posts[3] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('104') });
  });
});
