import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemorySourceStatusStore } from '../testing/memory-stores';
import { CredentialResolver } from './credentials';
import { InvalidSourceError, parseSource, SourceConfigStore, SourcesService } from './sources.service';
import type { SourceConfig } from './source.model';

class MemoryConfigs implements SourceConfigStore {
  readonly items = new Map<string, SourceConfig>();
  async list() {
    return [...this.items.values()];
  }
  async get(id: string) {
    return this.items.get(id) ?? null;
  }
  async create(s: SourceConfig) {
    if (this.items.has(s.id)) return false;
    this.items.set(s.id, s);
    return true;
  }
  async put(s: SourceConfig) {
    this.items.set(s.id, s);
  }
  async delete(id: string) {
    return this.items.delete(id);
  }
}

const vk = { id: 'vk-admin', platform: 'vk', kind: 'community', communityId: '123', pollIntervalSec: 60, credentialRef: 'VK_TOKEN' };

function problems(input: unknown): string[] {
  try {
    parseSource(input);
    return [];
  } catch (error) {
    if (error instanceof InvalidSourceError) return error.issues;
    throw error;
  }
}

describe('sources', () => {
  it('accepts a VK community and fills defaults', () => {
    expect(parseSource(vk)).toEqual({ ...vk, queries: [], enabled: true });
  });

  it('names each bad field', () => {
    expect(problems({ ...vk, id: 'Bad Id', pollIntervalSec: -1, credentialRef: 'vk token', extra: true })).toEqual([
      'extra: property extra should not exist',
      'id: id must be 2–63 lower-case letters, digits or dashes',
      'pollIntervalSec: pollIntervalSec must not be less than 0',
      'credentialRef: credentialRef must name an environment variable (A-Z, 0-9, _)',
    ]);
    expect(problems({ ...vk, kind: 'search' })).toEqual(['queries: a search source needs at least one query']);
    expect(problems({ ...vk, communityId: '-5' })).toEqual(['communityId: a VK community id is a positive number']);
    expect(problems({ ...vk, platform: 'telegram', communityId: 'channel' })).toEqual(['communityId: communityId must be a numeric id or an @username']);
  });

  it('never returns a secret: only whether the referenced variable is set', async () => {
    const service = new SourcesService(new MemoryConfigs(), new MemorySourceStatusStore(), new CredentialResolver({ VK_TOKEN: 'vk1.a.secret' }));
    await service.create(vk);
    const view = await service.get('vk-admin');
    expect(view).toMatchObject({ credentialRef: 'VK_TOKEN', credentialPresent: true, status: null });
    expect(JSON.stringify(await service.list())).not.toContain('vk1.a.secret');
    expect(await service.create(vk)).toBeNull();
  });

  it('seeds from a file, and a bad entry fails the seed naming its index', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ingest-seed-'));
    try {
      const configs = new MemoryConfigs();
      const service = new SourcesService(configs, new MemorySourceStatusStore(), new CredentialResolver({}));
      const file = path.join(dir, 'sources.json');
      await writeFile(file, JSON.stringify([vk, { ...vk, id: 'vk-search', kind: 'search', communityId: undefined, queries: ['яма'] }]));
      expect(await service.seedFromFile(file)).toBe(2);
      expect(await service.byCommunity('vk', '123')).toMatchObject({ id: 'vk-admin' });
      await writeFile(file, JSON.stringify([vk, { ...vk, id: 'x', platform: 'myspace' }]));
      await expect(service.seedFromFile(file)).rejects.toThrow(/\[1\]\.id: .*; \[1\]\.platform: platform must be one of/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
