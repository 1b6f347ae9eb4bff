import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AUDIT_MODEL, AuditRecord } from '../audit/audit.schema';
import { ADMIN, DeskUnderTest, startDesk, USER_PASSWORD } from '../testing/desk-test-app';
import { waitFor } from '@otklik/testing';
import { SessionsService } from './sessions.service';

describe('users, sessions, API tokens and the audit log (real database)', () => {
  let desk: DeskUnderTest;

  beforeAll(async () => {
    desk = await startDesk('desk-auth');
  }, 180_000);

  afterAll(async () => {
    await desk?.close();
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie and tells who is signed in', async () => {
    const client = desk.client();
    const login = await client.post('/api/v1/auth/login', ADMIN);
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/otklik_session=.+; .*HttpOnly; SameSite=Strict/i);
    const me = await client.get<{ role: string; name: string }>('/api/v1/auth/me');
    expect(me.body).toEqual(expect.objectContaining({ role: 'admin', name: 'admin' }));
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await desk.client().post('/api/v1/auth/login', { login: 'admin', password: 'not-the-password' });
    const unknown = await desk.client().post('/api/v1/auth/login', { login: 'nobody', password: 'not-the-password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('locks an account after five wrong passwords in a row, even for the right one', async () => {
    await desk.user('locked-op', 'operator');
    for (let i = 0; i < 5; i++) expect((await desk.client().post('/api/v1/auth/login', { login: 'locked-op', password: 'guess-guess' })).status).toBe(401);
    const right = await desk.client().post('/api/v1/auth/login', { login: 'locked-op', password: USER_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('ends a session when it expires and purges it', async () => {
    const client = await desk.user('short-lived', 'operator');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    const sessions = desk.service.app.get(SessionsService);
    const later = new Date(Date.now() + 13 * 3_600_000);
    expect(await sessions.purgeExpired(later)).toBeGreaterThan(0);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    // The purge ended every session open now, the administrator's too.
    await desk.admin.login(ADMIN.login, ADMIN.password);
  });

  it('requires an agency for agency staff and names the field', async () => {
    const answer = await desk.admin.post('/api/v1/users', { login: 'no-agency', displayName: 'x', role: 'agency', password: 'Long-enough-pass-1' });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(expect.objectContaining({ fields: [{ field: 'agencyId', message: 'required for agency staff' }] }));
  });

  it('answers 400 naming the field for a malformed user, never 500', async () => {
    const answer = await desk.admin.post('/api/v1/users', { login: 'x1', displayName: 5, role: 'boss', password: 'p' });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/displayName/);
    expect(JSON.stringify(answer.body)).toMatch(/role/);
    const broken = await desk.admin.send('POST', '/api/v1/users', '{"login":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
  });

  it('keeps user management to admins', async () => {
    const operator = await desk.user('plain-op', 'operator');
    expect((await operator.get('/api/v1/users')).status).toBe(403);
  });

  it('refuses a cookie-borne write coming from another site', async () => {
    const answer = await desk.admin.post('/api/v1/users', { login: 'csrf', displayName: 'x', role: 'operator', password: 'Long-enough-pass-1' }, { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
  });

  it('issues API tokens that work as bearer credentials until revoked', async () => {
    const issued = await desk.admin.post<{ token: { tokenId: string }; secret: string }>('/api/v1/api-tokens', { name: 'Портал', role: 'integration' });
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^otk_/);
    const integration = desk.client().withToken(issued.body.secret);
    expect((await integration.get<{ role: string }>('/api/v1/auth/me')).body.role).toBe('integration');
    const list = await desk.admin.get<{ tokenId: string }[]>('/api/v1/api-tokens');
    expect(JSON.stringify(list.body)).not.toContain(issued.body.secret);
    expect((await desk.admin.send('DELETE', `/api/v1/api-tokens/${issued.body.token.tokenId}`)).status).toBe(200);
    expect((await integration.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('records every write attempt with who, what, when and from where, without secrets', async () => {
    await desk.client().post('/api/v1/auth/login', { login: 'admin', password: 'audited-wrong' });
    const audit = desk.service.app.get<Model<AuditRecord>>(getModelToken(AUDIT_MODEL));
    const record = await waitFor('the failed login in the audit log', () =>
      audit
        .findOne({ path: '/api/v1/auth/login', status: 401, 'body.login': 'admin', 'body.password': '***' })
        .lean<AuditRecord>()
        .then((found) => found ?? undefined),
    );
    expect(record).toEqual(expect.objectContaining({ method: 'POST', outcome: 'denied', ip: expect.stringMatching(/127\.0\.0\.1/) }));
    expect(record.body).toEqual({ login: 'admin', password: '***' });
    const created = await waitFor('the user creation in the audit log', () =>
      audit
        .findOne({ path: '/api/v1/users', status: 201 })
        .lean<AuditRecord>()
        .then((found) => found ?? undefined),
    );
    expect(created.actor).toEqual(expect.objectContaining({ name: 'admin', role: 'admin' }));
    const viaApi = await desk.admin.get<AuditRecord[]>('/api/v1/audit?outcome=denied&limit=5');
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.length).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After once one address passes DESK_LOGIN_PER_MINUTE sign-in attempts', async () => {
    process.env.DESK_LOGIN_PER_MINUTE = '1';
    try {
      await desk.client().post('/api/v1/auth/login', { login: 'admin', password: 'flood-1' });
      const limited = await desk.client().post('/api/v1/auth/login', ADMIN);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      delete process.env.DESK_LOGIN_PER_MINUTE;
    }
  });
});
