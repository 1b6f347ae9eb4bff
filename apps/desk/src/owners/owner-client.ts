import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal';
import { ServiceTokens } from '../auth/service-tokens';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { DeskError } from '../common/desk-error';

const TIMEOUT_MS = 10_000;

/** A service that owns data desk shows or changes. */
export type Owner = keyof DeskConfig['owners'];

/** What the owning service answered. */
export interface OwnerAnswer {
  status: number;
  body: unknown;
}

/** One call to an owning service: `what` names the data, for the error when it does not answer. */
export interface OwnerCall {
  owner: Owner;
  path: string;
  what: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * Calls the HTTP APIs of the services that own data (desk never reads another service's
 * database), carrying the asking person's identity in a token desk signs, so the owner applies
 * its own role and agency limits and audits the person. Its 2xx and 4xx answers are passed on;
 * no answer, 5xx or a body that is not JSON is desk's `unavailable`, naming the owner.
 */
@Injectable()
export class OwnerClient {
  constructor(
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
    private readonly tokens: ServiceTokens,
  ) {}

  async call(call: OwnerCall, principal: Principal): Promise<OwnerAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.tokens.onBehalfOf(principal)}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.config.owners[call.owner]}${call.path}`, {
        method: call.method ?? 'GET',
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeskError('unavailable', `${call.owner} does not answer (${(error as Error).message}), and it keeps ${call.what}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new DeskError('unavailable', `${call.owner} answered ${response.status} with something that is not JSON`);
    }
    if (response.status >= 500) throw new DeskError('unavailable', `${call.owner} failed with ${response.status}`);
    return { status: response.status, body };
  }
}
