import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { UserRecord } from '../users/user.schema';
import { toUserView, UsersService, UserView } from '../users/users.service';
import { hashPassword, needsRehash, verifyPassword } from '../users/password';
import { hashSecret, newSecretToken } from './secret-token';
import { SessionStore } from './session.store';
import { InjectLogger, PeriodicTask } from '@otklik/platform';

/** Failed logins in a row before the account locks. */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
/** Activity moves a session's end forward at most once a minute, to spare the database a write per request. */
const SLIDE_EVERY_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

export interface LoginResult {
  secret: string;
  expiresAt: Date;
  user: UserView;
}

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class SessionsService implements OnModuleInit, OnModuleDestroy {
  private readonly purgeJob: PeriodicTask;
  /**
   * Verified when the login is unknown, so that an unknown login takes as long as a wrong
   * password and response time does not tell which logins exist.
   */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly sessions: SessionStore,
    private readonly users: UsersService,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
    @InjectLogger() logger: Logger,
  ) {
    this.purgeJob = new PeriodicTask('session purge', PURGE_EVERY_MS, () => this.purgeExpired(), logger);
  }

  onModuleInit(): void {
    this.purgeJob.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.purgeJob.stop();
  }

  /** Checks the password and opens a session; every failure looks the same to the caller. */
  async login(login: string, password: string, client: ClientInfo, now = new Date()): Promise<LoginResult> {
    const user = await this.users.findByLogin(login);
    if (!user) {
      this.decoyHash ??= hashPassword(randomUUID(), this.users.passwordParams);
      await verifyPassword(password, await this.decoyHash);
      throw new DeskError('unauthenticated', 'wrong login or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DeskError('locked', `too many failed logins; try again after ${user.lockedUntil.toISOString()}`);
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      await this.recordFailure(user, now);
      throw new DeskError('unauthenticated', 'wrong login or password');
    }
    if (user.disabled) throw new DeskError('unauthenticated', 'wrong login or password');
    await this.users.clearFailures(user.userId);
    if (needsRehash(user.passwordHash, this.users.passwordParams)) await this.users.rehash(user.userId, password);
    const token = newSecretToken();
    const absoluteExpiresAt = new Date(now.getTime() + this.config.sessionMaxHours * 3_600_000);
    const expiresAt = this.slidingEnd(now, absoluteExpiresAt);
    await this.sessions.add({
      sessionId: randomUUID(),
      tokenHash: token.hash,
      userId: user.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      absoluteExpiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300),
    });
    return { secret: token.secret, expiresAt, user: toUserView(user) };
  }

  /** The principal behind a session secret, or undefined if it is unknown, expired or its user is disabled. */
  async authenticate(secret: string, via: Principal['via'], now = new Date()): Promise<Principal | undefined> {
    const session = await this.sessions.findByTokenHash(hashSecret(secret));
    if (!session || session.expiresAt <= now || session.absoluteExpiresAt <= now) return undefined;
    const user = await this.users.findById(session.userId);
    if (!user || user.disabled || user.passwordChangedAt > session.createdAt) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
      await this.sessions.touch(session.sessionId, now, this.slidingEnd(now, session.absoluteExpiresAt));
    }
    return principalOf(user, session.sessionId, via);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.remove(sessionId);
  }

  /** Deletes sessions past their end; run periodically since FerretDB has no TTL indexes. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.sessions.removeExpired(now);
  }

  private slidingEnd(now: Date, absolute: Date): Date {
    return new Date(Math.min(now.getTime() + this.config.sessionIdleMinutes * 60_000, absolute.getTime()));
  }

  private async recordFailure(user: UserRecord, now: Date): Promise<void> {
    const failures = await this.users.countFailure(user.userId);
    if (failures >= MAX_FAILURES) await this.users.lock(user.userId, new Date(now.getTime() + LOCK_MINUTES * 60_000));
  }
}

function principalOf(user: UserRecord, sessionId: string, via: Principal['via']): Principal {
  return {
    id: user.userId,
    kind: 'user',
    name: user.login,
    role: user.role,
    ...(user.agencyId ? { agencyId: user.agencyId } : {}),
    sessionId,
    via,
  };
}
