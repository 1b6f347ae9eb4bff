import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { randomUUID } from 'node:crypto';
import { UserRole } from '../access/principal';
import { hashPassword, passwordProblem, scryptParams, ScryptParams } from './password';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { generatePassword, keepPassword } from './first-admin';
import type { UserRecord } from './user.schema';
import { UserFields, UserStore } from './user.store';

/** A user as shown to admins and to the user: never the password hash. */
export interface UserView {
  userId: string;
  login: string;
  displayName: string;
  role: UserRole;
  agencyId?: string;
  disabled: boolean;
  lockedUntil?: string;
  createdAt: string;
}

export interface NewUser {
  login: string;
  displayName: string;
  role: UserRole;
  agencyId?: string;
  password: string;
}

export interface UserChange {
  displayName?: string;
  role?: UserRole;
  agencyId?: string | null;
  disabled?: boolean;
  password?: string;
}

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function toUserView(user: UserRecord): UserView {
  return {
    userId: user.userId,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    ...(user.agencyId ? { agencyId: user.agencyId } : {}),
    disabled: user.disabled,
    ...(user.lockedUntil && user.lockedUntil > new Date() ? { lockedUntil: user.lockedUntil.toISOString() } : {}),
    createdAt: user.createdAt.toISOString(),
  };
}

/** Agency staff must be bound to exactly one agency; nobody else may be. */
function checkBinding(role: UserRole, agencyId: string | undefined): void {
  if (role === 'agency' && !agencyId) throw DeskError.invalid('agencyId', 'required for agency staff');
  if (role !== 'agency' && agencyId) throw DeskError.invalid('agencyId', 'only agency staff are bound to an agency');
}

/** The binding after a change: explicit null unbinds; leaving the agency role drops it. */
function nextAgency(user: UserRecord, role: UserRole, requested: string | null | undefined): string | undefined {
  if (requested === null) return undefined;
  if (requested !== undefined) return requested;
  return role === 'agency' ? user.agencyId : undefined;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly params: ScryptParams;

  constructor(
    private readonly users: UserStore,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.params = scryptParams(config.scryptCostLog2);
  }

  /**
   * Creates the first administrator when there is no user at all: from DESK_ADMIN_LOGIN and
   * DESK_ADMIN_PASSWORD, or else as `admin` with a generated password that is written to
   * DESK_ADMIN_PASSWORD_FILE (the log says where, never the password).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.hasAny()) return;
    const admin = this.config.bootstrapAdmin;
    const password = admin.password ?? generatePassword(admin.login);
    try {
      await this.create({ login: admin.login, displayName: 'Администратор', role: 'admin', password });
    } catch (error) {
      // Two instances starting together: the other one created it (and kept its password).
      if (error instanceof DeskError && error.kind === 'conflict') return;
      throw error;
    }
    if (admin.password) {
      this.logger.info(`first administrator "${admin.login}" created from DESK_ADMIN_LOGIN/DESK_ADMIN_PASSWORD`);
      return;
    }
    await this.announceGenerated(admin.login, password, admin.passwordFile);
  }

  /**
   * The generated password is kept in a file only its owner reads; logs are read by more people and
   * kept longer, so they get where it is, not what it is. Without the file nobody could sign in:
   * the administrator is removed again and the start fails, saying what to set.
   */
  private async announceGenerated(login: string, password: string, file: string): Promise<void> {
    try {
      await keepPassword(file, password);
    } catch (error) {
      await this.users.removeByLogin(login);
      throw new Error(
        `first administrator "${login}" not created: its generated password could not be kept in ${file} (${(error as Error).message}); ` +
          'make DESK_ADMIN_PASSWORD_FILE writable, or set DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD',
      );
    }
    this.logger.warn(`first administrator "${login}" created; its generated password is in ${file} (readable by its owner only): sign in and change it`);
  }

  async create(input: NewUser): Promise<UserView> {
    const login = input.login.trim().toLowerCase();
    if (!LOGIN_PATTERN.test(login)) throw DeskError.invalid('login', '3–64 characters: latin letters, digits, . _ -');
    checkBinding(input.role, input.agencyId);
    const problem = passwordProblem(input.password, login);
    if (problem) throw DeskError.invalid('password', problem);
    const now = new Date();
    const created = await this.users.add({
      userId: randomUUID(),
      login,
      displayName: input.displayName.trim(),
      role: input.role,
      agencyId: input.agencyId,
      passwordHash: await hashPassword(input.password, this.params),
      disabled: false,
      failedLogins: 0,
      passwordChangedAt: now,
    });
    if (!created) throw DeskError.conflict(`login "${login}" is taken`);
    return toUserView(created);
  }

  async list(): Promise<UserView[]> {
    const users = await this.users.list(1000);
    return users.map(toUserView);
  }

  async get(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw DeskError.notFound('user');
    return toUserView(user);
  }

  async findByLogin(login: string): Promise<UserRecord | null> {
    return this.users.findByLogin(login.trim().toLowerCase());
  }

  async findById(userId: string): Promise<UserRecord | null> {
    return this.users.findById(userId);
  }

  async update(userId: string, change: UserChange): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw DeskError.notFound('user');
    const role = change.role ?? user.role;
    const agencyId = nextAgency(user, role, change.agencyId);
    checkBinding(role, agencyId);
    const set: UserFields = { role };
    if (change.displayName !== undefined) set.displayName = change.displayName.trim();
    if (change.disabled !== undefined) set.disabled = change.disabled;
    if (change.password !== undefined) {
      const problem = passwordProblem(change.password, user.login);
      if (problem) throw DeskError.invalid('password', problem);
      set.passwordHash = await hashPassword(change.password, this.params);
      set.passwordChangedAt = new Date();
      set.failedLogins = 0;
    }
    const updated = await this.users.update(userId, set, agencyId);
    if (!updated) throw DeskError.notFound('user');
    return toUserView(updated);
  }

  /** Counts a failed login and returns how many there have been in a row. */
  async countFailure(userId: string): Promise<number> {
    return this.users.countFailure(userId);
  }

  /** Locks the account until `until`; the count starts again after the lock. */
  async lock(userId: string, until: Date): Promise<void> {
    await this.users.lock(userId, until);
  }

  async clearFailures(userId: string): Promise<void> {
    await this.users.clearFailures(userId);
  }

  /** Replaces a hash made with weaker parameters; called after a successful login. */
  async rehash(userId: string, password: string): Promise<void> {
    await this.users.setPasswordHash(userId, await hashPassword(password, this.params));
  }

  get passwordParams(): ScryptParams {
    return this.params;
  }
}
