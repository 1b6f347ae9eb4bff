import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal';
import { ServiceTokens } from '../auth/service-tokens';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';

/** The directories desk shows, and the service that owns each (desk keeps no copy). */
export const DIRECTORIES = {
  agencies: { owner: 'router', path: '/v1/agencies' },
  territories: { owner: 'router', path: '/v1/territories' },
  rules: { owner: 'router', path: '/v1/rules' },
  sources: { owner: 'ingest', path: '/v1/sources' },
} as const;
export type DirectoryName = keyof typeof DIRECTORIES;

const TIMEOUT_MS = 10_000;
const ID = /^[\w.:@-]{1,200}$/;

/** What the owning service answered. */
export interface DirectoryAnswer {
  status: number;
  body: unknown;
}

/**
 * Reads directories from the services that own them, over their HTTP APIs: desk never reads
 * another service's database. Changes are made in the owning service (its API or seed files).
 * Each call carries the asking person's identity, so the owner applies its own role and agency limits.
 */
@Injectable()
export class DirectoriesService {
  constructor(@Inject(DESK_CONFIG) private readonly config: DeskConfig, private readonly tokens: ServiceTokens) {}

  async read(name: DirectoryName, id: string | undefined, query: Record<string, string>, principal: Principal): Promise<DirectoryAnswer> {
    const directory = DIRECTORIES[name];
    if (id !== undefined && !ID.test(id)) throw DeskError.badRequest('id', 'letters, digits and . _ : @ - only');
    const base = this.config.owners[directory.owner];
    const search = new URLSearchParams(Object.entries(query).filter(([, value]) => typeof value === 'string')).toString();
    const url = `${base}${directory.path}${id ? `/${encodeURIComponent(id)}` : ''}${search ? `?${search}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${this.tokens.onBehalfOf(principal)}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new DeskError('unavailable', `${directory.owner} does not answer (${(error as Error).message}); the ${name} directory lives there`);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new DeskError('unavailable', `${directory.owner} answered ${response.status} with something that is not JSON`);
    }
    if (response.status >= 500) throw new DeskError('unavailable', `${directory.owner} failed with ${response.status}`);
    return { status: response.status, body };
  }
}
