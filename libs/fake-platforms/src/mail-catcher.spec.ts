import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { CaughtMail, MailCatcher } from './mail-catcher';

describe('the mail catcher', () => {
  let dir: string;
  let catcher: MailCatcher;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mail-catcher-'));
    catcher = await new MailCatcher({ dir }).start();
  });

  afterAll(async () => {
    await catcher.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('receives a real SMTP message, keeps it on disk and lists it in its inbox JSON', async () => {
    const caught = catcher.nextMail();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Otklik <noreply@otklik.local>',
      to: 'spb-kb@agency.otklik.local',
      subject: 'Новое обращение 78-2026-000001: Уборка дворов',
      text: 'Не убирают снег во дворе на ул. Коллонтай, 21. Срок ответа — 4 рабочих часа.',
      messageId: '<delivery-1@otklik.local>',
    });
    transport.close();
    const mail = await caught;
    expect(mail).toEqual(
      expect.objectContaining({
        from: 'noreply@otklik.local',
        to: ['spb-kb@agency.otklik.local'],
        subject: 'Новое обращение 78-2026-000001: Уборка дворов',
        text: expect.stringContaining('ул. Коллонтай, 21'),
        messageId: '<delivery-1@otklik.local>',
      }),
    );
    expect((await readdir(dir)).sort()).toEqual([`${mail.id}.eml`, `${mail.id}.json`]);
    expect(await readFile(join(dir, `${mail.id}.eml`), 'utf8')).toMatch(/^Subject: /m);
    const inbox = (await (await fetch(`${catcher.inboxUrl}/messages.json`)).json()) as CaughtMail[];
    expect(inbox.map((m) => m.subject)).toEqual(['Новое обращение 78-2026-000001: Уборка дворов']);
    const page = await (await fetch(`${catcher.inboxUrl}/`)).text();
    expect(page).toContain('Перехваченная почта: 1');
  });
});
