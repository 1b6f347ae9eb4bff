import { Inject, Injectable } from '@nestjs/common';
import { AuthConfig, authConfig, issueToken } from '@otklik/auth';
import type { Principal } from '../access/principal';

/** Desk's tokens towards the other services live a minute: each is minted for one call. */
const CALL_TTL_SECONDS = 60;

/**
 * Tokens desk presents to the other services: on behalf of a signed-in person (their role and
 * agency, so the service applies the same limits desk does), or as desk itself (role `service`).
 */
@Injectable()
export class ServiceTokens {
  constructor(@Inject(authConfig.KEY) private readonly auth: AuthConfig) {}

  /** A token that carries this principal's identity to another service. */
  onBehalfOf(principal: Principal): string {
    return issueToken({ sub: principal.id, role: principal.role, name: principal.name, ...(principal.agencyId ? { agencyId: principal.agencyId } : {}) }, this.auth.keys, {
      ttlSeconds: CALL_TTL_SECONDS,
    });
  }

  /** A token for desk's own calls (forwarding Open311 requests). */
  asDesk(): string {
    return issueToken({ sub: 'desk', role: 'service' }, this.auth.keys, { ttlSeconds: CALL_TTL_SECONDS });
  }
}
