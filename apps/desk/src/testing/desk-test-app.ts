import { EventTap, KafkaConnection } from '@otklik/messaging';
import { createServiceApp } from '@otklik/platform';
import { DeskClient, isolateInfra, IsolatedInfra, startTestService, TestService } from '@otklik/testing';
import { AppModule } from '../app.module';
import { deskAppOptions } from '../web/desk-app';

export const ADMIN = { login: 'admin', password: 'Correct-horse-42' };
/** Password of every user a test creates. */
export const USER_PASSWORD = 'Tr0ub4dor-and-3!';

/** Desk on the running broker and database, isolated by a fresh topic prefix and database. */
export interface DeskUnderTest {
  infra: IsolatedInfra;
  service: TestService;
  /** A client signed in as the first administrator. */
  admin: DeskClient;
  client(): DeskClient;
  /** Creates a user and returns a client signed in as them. */
  user(login: string, role: 'operator' | 'supervisor' | 'agency' | 'admin', agencyId?: string): Promise<DeskClient>;
  close(): Promise<void>;
}

/** Desk on a port chosen beforehand, reached under `host` (for a public URL known before start). */
async function startOnPort(port: number, host: string): Promise<TestService> {
  const app = await createServiceApp('desk', AppModule, deskAppOptions);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    baseUrl: `http://${host}:${port}`,
    tap: (topics) => EventTap.open(app.get(KafkaConnection), topics),
    close: () => app.close(),
  };
}

export interface DeskStartOptions {
  /** Extra environment for desk. */
  env?: Record<string, string>;
  /** Listen on this port and build public URLs with `host` (tests that need the URL before start). */
  listen?: { port: number; host: string };
}

export async function startDesk(label: string, options: DeskStartOptions = {}): Promise<DeskUnderTest> {
  const infra = isolateInfra(label);
  const publicUrl = options.listen ? { DESK_PUBLIC_URL: `http://${options.listen.host}:${options.listen.port}` } : {};
  // Low scrypt cost keeps logins quick in tests; production keeps the default (2^17).
  Object.assign(process.env, { DESK_SCRYPT_COST_LOG2: '12', DESK_ADMIN_LOGIN: ADMIN.login, DESK_ADMIN_PASSWORD: ADMIN.password, ...publicUrl, ...options.env });
  const service = options.listen ? await startOnPort(options.listen.port, '127.0.0.1') : await startTestService('desk', AppModule, deskAppOptions);
  const client = (): DeskClient => new DeskClient(service.baseUrl);
  const admin = await client().login(ADMIN.login, ADMIN.password);
  return {
    infra,
    service,
    admin,
    client,
    async user(login, role, agencyId) {
      const password = USER_PASSWORD;
      const created = await admin.post('/api/v1/users', { login, displayName: `Тест ${login}`, role, agencyId, password });
      if (created.status !== 201) throw new Error(`cannot create ${login}: ${JSON.stringify(created.body)}`);
      return client().login(login, password);
    },
    async close() {
      await service.close();
      await infra.cleanup();
    },
  };
}
