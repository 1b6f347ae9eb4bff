import { DeliveryError } from '../delivery/delivery.types';
import { BotApiTestServer } from '../testing/bot-api-test-server';
import { TelegramBotClient } from './telegram-bot.client';
import { TelegramChannel } from './telegram.channel';

describe('TelegramBotClient against a local Bot API', () => {
  const api = new BotApiTestServer('123:secret');
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await api.start();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.chats.clear();
    api.sent.length = 0;
    api.throttle = { times: 0, retryAfter: 1 };
    api.outage = undefined;
  });

  const client = (overrides: Partial<ConstructorParameters<typeof TelegramBotClient>[0]> = {}) => new TelegramBotClient({ baseUrl, token: '123:secret', timeoutMs: 5000, ...overrides });

  it('sends a message and returns the id Telegram gave it', async () => {
    api.addChat('-1001');
    const { messageId } = await client().sendMessage({ chatId: '-1001', text: 'Новое обращение' });
    expect(api.sent).toEqual([expect.objectContaining({ chatId: '-1001', messageId, text: 'Новое обращение' })]);
  });

  it('replies to a post with reply_parameters', async () => {
    api.addChat('-1002', [77]);
    await client().sendMessage({ chatId: '-1002', text: 'Ответ ведомства', replyToMessageId: 77 });
    expect(api.sent[0]).toMatchObject({ replyTo: 77 });
    expect(api.http.requests.at(-1)?.json?.reply_parameters).toEqual({ message_id: 77, allow_sending_without_reply: false });
  });

  it('waits out a 429 retry_after and then succeeds, blocking the chat meanwhile', async () => {
    api.addChat('-1003');
    api.throttle = { times: 1, retryAfter: 1 };
    const started = Date.now();
    await client().sendMessage({ chatId: '-1003', text: 'после паузы' });
    expect(api.http.requests.filter((r) => r.path.endsWith('/sendMessage')).length).toBeGreaterThanOrEqual(2);
    expect(api.sent).toHaveLength(1);
    expect(api.sent[0].at - started).toBeGreaterThanOrEqual(990);
  });

  it('hands a long retry_after back as a retryable failure with the wait', async () => {
    api.addChat('-1004');
    api.throttle = { times: 1, retryAfter: 30 };
    const err = await client()
      .sendMessage({ chatId: '-1004', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it('treats an unknown chat as a permanent failure', async () => {
    const err = await client()
      .sendMessage({ chatId: '-404', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('chat not found') });
  });

  it('treats a wrong token as a permanent failure', async () => {
    api.addChat('-1005');
    const err = await client({ token: 'wrong' })
      .sendMessage({ chatId: '-1005', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('401') });
  });

  it('treats a 502 from the API as retryable', async () => {
    api.outage = { status: 502, body: '<html>Bad Gateway</html>' };
    const err = await client()
      .sendMessage({ chatId: '-1', text: 'x' })
      .catch((e: unknown) => e);
    api.outage = undefined;
    expect(err).toMatchObject({ retryable: true });
  });

  it('TelegramChannel puts the subject above the text and reports the message id', async () => {
    api.addChat('-1006');
    const receipt = await new TelegramChannel(client()).send({ deliveryId: 'd', address: '-1006', subject: 'Просрочка', text: 'Срок истёк' });
    expect(api.sent[0].text).toBe('Просрочка\n\nСрок истёк');
    expect(receipt.externalId).toBe(String(api.sent[0].messageId));
  });
});
