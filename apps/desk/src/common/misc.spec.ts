import { readDeskConfig } from '../config/desk.config';
import { outcomeOf, redactBody } from '../audit/audit.service';
import { sniffImageType } from '../photos/photos.service';

describe('desk configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => readDeskConfig({ DESK_SESSION_IDLE_MINUTES: 'soon' })).toThrow(/DESK_SESSION_IDLE_MINUTES/);
    expect(() => readDeskConfig({ DESK_TIME_ZONE: 'Mars/Olympus' })).toThrow(/DESK_TIME_ZONE/);
    expect(() => readDeskConfig({ DESK_ADMIN_LOGIN: 'admin' })).toThrow(/DESK_ADMIN_PASSWORD/);
  });

  it('derives the public URL and the cookie flag from where desk listens', () => {
    expect(readDeskConfig({ PORT: '3100' })).toEqual(expect.objectContaining({ publicUrl: 'http://127.0.0.1:3100', cookieSecure: false }));
    expect(readDeskConfig({ DESK_PUBLIC_URL: 'https://desk.example.ru/' }).cookieSecure).toBe(true);
  });
});

describe('audit records', () => {
  it('masks secrets and keys the database would refuse', () => {
    expect(redactBody({ login: 'op', password: 'secret', nested: { api_key: 'k', 'a.b': 1, $x: 2 } })).toEqual({
      login: 'op',
      password: '***',
      nested: { api_key: '***', 'a．b': 1, '＄x': 2 },
    });
    expect(redactBody(Buffer.alloc(10))).toEqual({ bytes: 10 });
  });

  it('classes outcomes by status', () => {
    expect([200, 202, 401, 403, 404, 400, 422, 500].map(outcomeOf)).toEqual(['ok', 'ok', 'denied', 'denied', 'denied', 'invalid', 'invalid', 'error']);
  });
});

describe('photo uploads', () => {
  it('recognises images by their bytes, not by what the client says', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffImageType(Buffer.from('RIFF0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg onload=alert(1)>'))).toBeUndefined();
  });
});
