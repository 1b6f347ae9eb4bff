import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Connection, Model } from 'mongoose';
import { verifyPassword } from './password';
import { readDeskConfig } from '../config/desk.config';
import { USER_MODEL, UserRecord, UserSchema } from './user.schema';
import { MongoUserStore } from './user.mongo';
import { UsersService } from './users.service';

describe('the first administrator (real database)', () => {
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?maxPoolSize=10';
  const opened: Connection[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-first-admin-'));
  });

  afterAll(async () => {
    for (const connection of opened) {
      await connection.dropDatabase();
      await connection.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  /** A users service on a fresh database, with desk's settings read from `env`. */
  async function usersOn(env: Record<string, string>): Promise<{ service: UsersService; users: Model<UserRecord> }> {
    const database = `otklik_test_first_admin_${randomBytes(4).toString('hex')}`;
    const connection = await mongoose.createConnection(mongoUri, { dbName: database, maxPoolSize: 2 }).asPromise();
    opened.push(connection);
    const users = connection.model<UserRecord>(USER_MODEL, UserSchema);
    await users.init();
    return { service: new UsersService(new MongoUserStore(users), readDeskConfig({ DESK_SCRYPT_COST_LOG2: '12', ...env }), pino({ level: 'silent' })), users };
  }

  it('is "admin" with a generated password kept, owner-only, in the password file when none is configured', async () => {
    const file = join(dir, 'generated', 'desk-admin-password');
    const { service, users } = await usersOn({ DESK_ADMIN_PASSWORD_FILE: file });
    await service.onApplicationBootstrap();
    const admins = await users.find().lean<UserRecord[]>();
    expect(admins.map((u) => [u.login, u.role])).toEqual([['admin', 'admin']]);
    const password = (await readFile(file, 'utf8')).trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await verifyPassword(password, admins[0]?.passwordHash ?? '')).toBe(true);
  });

  it('is not created, and the start fails naming what to set, when its password cannot be kept', async () => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, 'a file where the directory should be');
    const { service, users } = await usersOn({ DESK_ADMIN_PASSWORD_FILE: join(blocker, 'desk-admin-password') });
    await expect(service.onApplicationBootstrap()).rejects.toThrow(/could not be kept in .*DESK_ADMIN_PASSWORD_FILE writable, or set DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD/);
    expect(await users.countDocuments()).toBe(0);
  });

  it('takes its login and password from DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD, writing no file', async () => {
    const file = join(dir, 'from-env', 'desk-admin-password');
    const { service, users } = await usersOn({ DESK_ADMIN_LOGIN: 'chief', DESK_ADMIN_PASSWORD: 'Correct-horse-42', DESK_ADMIN_PASSWORD_FILE: file });
    await service.onApplicationBootstrap();
    const admin = await users.findOne({ login: 'chief' }).lean<UserRecord>();
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword('Correct-horse-42', admin?.passwordHash ?? '')).toBe(true);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('is not created again, nor its password file rewritten, on the next start', async () => {
    const file = join(dir, 'restart', 'desk-admin-password');
    const { service, users } = await usersOn({ DESK_ADMIN_PASSWORD_FILE: file });
    await service.onApplicationBootstrap();
    const first = await readFile(file, 'utf8');
    const before = await users.find().lean<UserRecord[]>();
    await service.onApplicationBootstrap();
    const after = await users.find().lean<UserRecord[]>();
    expect(after.map((u) => [u.userId, u.passwordHash])).toEqual(before.map((u) => [u.userId, u.passwordHash]));
    expect(await readFile(file, 'utf8')).toBe(first);
  });
});

describe('where a generated first password is kept', () => {
  it("is .data/desk-admin-password for desk's own database, and a file named after any other database", () => {
    expect(readDeskConfig({}).bootstrapAdmin.passwordFile).toMatch(/\/\.data\/desk-admin-password$/);
    expect(readDeskConfig({ MONGODB_DB: 'otklik_desk' }).bootstrapAdmin.passwordFile).toMatch(/\/\.data\/desk-admin-password$/);
    expect(readDeskConfig({ MONGODB_DB: 'otklik_test_bench_1' }).bootstrapAdmin.passwordFile).toMatch(/\/\.data\/desk-admin-password\.otklik_test_bench_1$/);
    expect(readDeskConfig({ MONGODB_DB: 'x', DESK_ADMIN_PASSWORD_FILE: '/tmp/pw' }).bootstrapAdmin.passwordFile).toBe('/tmp/pw');
  });
});
