import { DeliveryError } from '../delivery/delivery.types';
import { EmailChannel } from './email.channel';
import { SmtpTestServer } from '../testing/smtp-test-server';

describe('EmailChannel against a real SMTP server on loopback', () => {
  const smtp = new SmtpTestServer();
  let channel: EmailChannel;

  beforeAll(async () => {
    const port = await smtp.start();
    channel = new EmailChannel({
      host: '127.0.0.1',
      port,
      secure: false,
      from: '"Отклик" <noreply@otklik.test>',
      messageIdDomain: 'otklik.test',
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    channel.close();
    await smtp.stop();
  });

  afterEach(() => smtp.rejectRecipients(() => undefined));

  it('delivers a Russian message whose subject, body and Message-ID the server receives intact', async () => {
    const received = smtp.nextMail();
    const receipt = await channel.send({
      deliveryId: 'd-1',
      address: 'zhkh@agency.test',
      subject: 'Новое обращение 78-2026-000123',
      text: 'Вам назначено обращение: не вывозят мусор, ул. Садовая, 5.',
    });
    const mail = await received;
    expect(mail.to).toEqual(['zhkh@agency.test']);
    expect(mail.from).toBe('noreply@otklik.test');
    expect(mail.subject).toBe('Новое обращение 78-2026-000123');
    expect(mail.body).toContain('не вывозят мусор, ул. Садовая, 5.');
    expect(mail.headers.get('message-id')).toBe('<d-1@otklik.test>');
    expect(receipt.externalId).toBe('<d-1@otklik.test>');
  });

  it('reports a 550 mailbox rejection as a permanent failure', async () => {
    smtp.rejectRecipients((a) => (a === 'gone@agency.test' ? { code: 550, message: 'No such user' } : undefined));
    const err = await channel.send({ deliveryId: 'd-2', address: 'gone@agency.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).message).toContain('550');
  });

  it('reports a 451 temporary rejection as retryable', async () => {
    smtp.rejectRecipients(() => ({ code: 451, message: 'Try again later' }));
    const err = await channel.send({ deliveryId: 'd-3', address: 'busy@agency.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(true);
  });

  it('reports a refused connection as retryable', async () => {
    const probe = new SmtpTestServer();
    const port = await probe.start();
    await probe.stop();
    const dead = new EmailChannel({ host: '127.0.0.1', port, secure: false, from: 'a@b.test', messageIdDomain: 'b.test', timeoutMs: 2000 });
    const err = await dead.send({ deliveryId: 'd-4', address: 'x@y.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    dead.close();
    expect((err as DeliveryError).retryable).toBe(true);
  });
});
