import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, TokenRole } from '../access/principal';
import { DeskError } from '../common/desk-error';
import type { ApiTokenRecord } from './api-token.schema';
import { ApiTokenStore } from './api-token.store';
import { hashSecret, newSecretToken } from './secret-token';

/** Prefix that makes a desk API token recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'otk_';
/** Last-use time is written at most this often per token. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface ApiTokenView {
  tokenId: string;
  name: string;
  role: TokenRole;
  agencyId?: string;
  createdBy: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface NewApiToken {
  name: string;
  role: TokenRole;
  agencyId?: string;
  /** Days until it expires; none means it lasts until revoked. */
  expiresInDays?: number;
}

function toView(token: ApiTokenRecord): ApiTokenView {
  return {
    tokenId: token.tokenId,
    name: token.name,
    role: token.role,
    ...(token.agencyId ? { agencyId: token.agencyId } : {}),
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    ...(token.expiresAt ? { expiresAt: token.expiresAt.toISOString() } : {}),
    ...(token.revokedAt ? { revokedAt: token.revokedAt.toISOString() } : {}),
    ...(token.lastUsedAt ? { lastUsedAt: token.lastUsedAt.toISOString() } : {}),
  };
}

@Injectable()
export class ApiTokensService {
  constructor(private readonly tokens: ApiTokenStore) {}

  /** Issues a token; the secret is returned once and never stored. */
  async issue(input: NewApiToken, createdBy: string, now = new Date()): Promise<{ token: ApiTokenView; secret: string }> {
    if (input.role === 'agency' && !input.agencyId) throw DeskError.invalid('agencyId', 'required for an agency token');
    if (input.role !== 'agency' && input.agencyId) throw DeskError.invalid('agencyId', 'only agency tokens are bound to an agency');
    const secret = newSecretToken(API_TOKEN_PREFIX);
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : undefined;
    const created = await this.tokens.add({
      tokenId: randomUUID(),
      tokenHash: secret.hash,
      name: input.name.trim(),
      role: input.role,
      agencyId: input.agencyId,
      createdBy,
      createdAt: now,
      expiresAt,
    });
    return { token: toView(created), secret: secret.secret };
  }

  async list(): Promise<ApiTokenView[]> {
    const tokens = await this.tokens.list(1000);
    return tokens.map(toView);
  }

  async revoke(tokenId: string, now = new Date()): Promise<ApiTokenView> {
    const token = await this.tokens.revoke(tokenId, now);
    if (token) return toView(token);
    const existing = await this.tokens.findById(tokenId);
    if (!existing) throw DeskError.notFound('API token');
    return toView(existing);
  }

  /** The principal behind a presented token, or undefined if unknown, revoked or expired. */
  async authenticate(secret: string, now = new Date()): Promise<Principal | undefined> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
    const token = await this.tokens.findByTokenHash(hashSecret(secret));
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return undefined;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.tokens.touch(token.tokenId, now);
    }
    return {
      id: token.tokenId,
      kind: 'token',
      name: token.name,
      role: token.role,
      ...(token.agencyId ? { agencyId: token.agencyId } : {}),
      via: 'bearer',
    };
  }
}
