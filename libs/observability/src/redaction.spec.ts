import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { isSecretName, REDACTED, Redactor } from './redaction';

function capture(): { text: () => string; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { text: () => text, stream };
}

describe('Redactor', () => {
  it('hides values of secret-named fields at any depth, and keeps the rest', () => {
    const line = JSON.stringify({
      msg: 'GET /v1/sources 200',
      req: { headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: 'a=b', 'x-telegram-bot-api-secret-token': 'tg-webhook-secret', 'user-agent': 'curl' } },
      configuration: { SMTP_PASSWORD: 'smtp-pass-1', OTKLIK_AUTH_KEYS: 'k1:abc', DESK_ADMIN_PASSWORD_FILE: '/srv/pw', credentialRef: 'VK_TOKEN' },
      login: { password: 'p' },
      tokenId: 't-1',
    });
    const out = JSON.parse(new Redactor().redact(line));
    expect(out.req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, 'x-telegram-bot-api-secret-token': REDACTED, 'user-agent': 'curl' });
    expect(out.configuration).toEqual({ SMTP_PASSWORD: REDACTED, OTKLIK_AUTH_KEYS: REDACTED, DESK_ADMIN_PASSWORD_FILE: '/srv/pw', credentialRef: 'VK_TOKEN' });
    expect(out.login.password).toBe(REDACTED);
    expect(out.tokenId).toBe('t-1');
  });

  it('hides secrets by shape inside any text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const text = [
      `Bearer ${jwt}`,
      `bearer otk_${'A'.repeat(43)}`,
      'otklik_session=s3cr3t-session-value; other=1',
      'https://api.vk.com/method/wall.get?owner_id=1&access_token=vk1.a.secret&v=5.199',
      'https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates',
      'mongodb://otklik:db-password@db:27017/otklik',
      'body {"password":"hunter2-hunter2"}',
    ].join(' | ');
    const out = new Redactor().redact(JSON.stringify({ msg: text }));
    for (const secret of [jwt, 'otk_AAAA', 's3cr3t-session-value', 'vk1.a.secret', 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', 'db-password', 'hunter2-hunter2']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('owner_id=1&access_token=[redacted]&v=5.199');
    expect(out).toContain('mongodb://otklik:[redacted]@db:27017');
  });

  it('hides the known secrets of the environment wherever they appear, each key of a key set on its own', () => {
    const redactor = new Redactor();
    redactor.addSecretsOf({ OTKLIK_AUTH_KEYS: 'old:first-key-secret-0123,new:second-key-secret-4567', VK_TOKEN_KIROV: 'vk-community-token-89', LOG_LEVEL: 'debug' });
    const out = redactor.redact(JSON.stringify({ msg: 'second-key-secret-4567 and vk-community-token-89 at debug level' }));
    expect(out).toBe(JSON.stringify({ msg: `${REDACTED} and ${REDACTED} at debug level` }));
  });

  it('hides a secret registered at use, also URL-encoded, and ignores values too short to matter', () => {
    const redactor = new Redactor();
    redactor.addSecret('p@ss word/with+symbols');
    redactor.addSecret('short');
    const out = redactor.redact(JSON.stringify({ msg: `sent p@ss word/with+symbols and ${encodeURIComponent('p@ss word/with+symbols')}; short stays` }));
    expect(out).toBe(JSON.stringify({ msg: `sent ${REDACTED} and ${REDACTED}; short stays` }));
  });

  it('tells secret names from names that only point at a secret', () => {
    expect(['SMTP_PASSWORD', 'TELEGRAM_BOT_TOKEN', 'OK_APPLICATION_SECRET_KEY', 'INGEST_PSEUDONYM_KEY', 'OTKLIK_AUTH_KEYS', 'accessToken', 'set-cookie'].filter(isSecretName)).toHaveLength(7);
    expect(['DESK_ADMIN_PASSWORD_FILE', 'credentialRef', 'tokenId', 'credentialPresent', 'LOG_LEVEL', 'KAFKA_BROKERS'].filter(isSecretName)).toEqual([]);
  });
});

describe('createLogger', () => {
  it('writes every line through the redaction', () => {
    const { text, stream } = capture();
    const redactor = new Redactor();
    redactor.addSecret('smtp-password-in-a-message');
    const logger = createLogger('notifier', 'info', stream, redactor);
    logger.error({ err: new Error('login refused for smtp-password-in-a-message'), headers: { authorization: 'Bearer abc.def' } }, 'mail not sent');
    expect(text()).toContain('mail not sent');
    expect(text()).not.toContain('smtp-password-in-a-message');
    expect(text()).not.toContain('abc.def');
  });
});
