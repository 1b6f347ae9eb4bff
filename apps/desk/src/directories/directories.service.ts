import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { OwnerAnswer, OwnerClient } from '../owners/owner-client';

/** The directories desk shows, and the service that owns each (desk keeps no copy). */
export const DIRECTORIES = {
  agencies: { owner: 'router', path: '/v1/agencies' },
  territories: { owner: 'router', path: '/v1/territories' },
  rules: { owner: 'router', path: '/v1/rules' },
  sources: { owner: 'ingest', path: '/v1/sources' },
} as const;
export type DirectoryName = keyof typeof DIRECTORIES;

const ID = /^[\w.:@-]{1,200}$/;

/** What the owning service answered. */
export type DirectoryAnswer = OwnerAnswer;

/**
 * Reads directories from the services that own them, over their HTTP APIs: desk never reads
 * another service's database. Changes are made in the owning service (its API or seed files).
 * Each call carries the asking person's identity, so the owner applies its own role and agency limits.
 */
@Injectable()
export class DirectoriesService {
  constructor(private readonly owners: OwnerClient) {}

  async read(name: DirectoryName, id: string | undefined, query: Record<string, string>, principal: Principal): Promise<DirectoryAnswer> {
    const directory = DIRECTORIES[name];
    if (id !== undefined && !ID.test(id)) throw DeskError.badRequest('id', 'letters, digits and . _ : @ - only');
    const search = new URLSearchParams(Object.entries(query).filter(([, value]) => typeof value === 'string')).toString();
    const path = `${directory.path}${id ? `/${encodeURIComponent(id)}` : ''}${search ? `?${search}` : ''}`;
    return this.owners.call({ owner: directory.owner, path, what: `the ${name} directory` }, principal);
  }
}
