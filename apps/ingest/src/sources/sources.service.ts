import { readFile } from 'node:fs/promises';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, Platform } from '@otklik/contracts';
import type { CredentialResolver } from './credentials';
import { SourceDto, sourceRuleViolations } from './source.dto';
import type { SourceDirectory } from './source-directory';
import type { SourceStatusStore } from './source-status.store';
import { sourceLagSeconds, SourceConfig, SourceStatus } from './source.model';

/** Where source configurations are kept. */
export interface SourceConfigStore {
  list(): Promise<SourceConfig[]>;
  get(id: string): Promise<SourceConfig | null>;
  /** Inserts; false when the id is taken. */
  create(source: SourceConfig): Promise<boolean>;
  /** Inserts or replaces. */
  put(source: SourceConfig): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** A source configuration that does not validate; `issues` name each bad field. */
export class InvalidSourceError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid source: ${issues.join('; ')}`);
    this.name = 'InvalidSourceError';
  }
}

/** A source as the API shows it: configuration, whether its credential is set, and its health. */
export interface SourceView extends SourceConfig {
  credentialPresent: boolean;
  status: SourceStatus | null;
  lagSeconds?: number;
}

/** Validates plain input as a source; throws InvalidSourceError naming the fields (prefixed). */
export function parseSource(input: unknown, prefix = ''): SourceConfig {
  const dto = plainToInstance(SourceDto, { queries: [], enabled: true, pollIntervalSec: 300, ...(input as object) });
  const issues = [
    ...describeValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), prefix),
    ...sourceRuleViolations(dto).map((issue) => (prefix ? `${prefix}.${issue}` : issue)),
  ];
  if (issues.length > 0) throw new InvalidSourceError(issues);
  return { ...dto };
}

/** Manages sources: CRUD for the API, seeding from a file, look-ups for connectors. */
export class SourcesService implements SourceDirectory {
  constructor(
    private readonly store: SourceConfigStore,
    private readonly status: SourceStatusStore,
    private readonly credentials: CredentialResolver,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<SourceView[]> {
    const [sources, statuses] = await Promise.all([this.store.list(), this.status.list()]);
    const byId = new Map(statuses.map((s) => [s.sourceId, s]));
    return sources.map((s) => this.view(s, byId.get(s.id) ?? null));
  }

  private view(source: SourceConfig, status: SourceStatus | null): SourceView {
    return {
      ...source,
      credentialPresent: source.credentialRef ? this.credentials.isPresent(source.credentialRef) : false,
      status,
      lagSeconds: status ? sourceLagSeconds(status, this.now()) : undefined,
    };
  }

  async get(id: string): Promise<SourceView | null> {
    const source = await this.store.get(id);
    return source ? this.view(source, await this.status.get(id)) : null;
  }

  /** Creates a source; false when the id is taken. */
  async create(input: unknown): Promise<SourceConfig | null> {
    const source = parseSource(input);
    return (await this.store.create(source)) ? source : null;
  }

  /** Creates or replaces the source `id` (the body's id must match). */
  async replace(id: string, input: unknown): Promise<SourceConfig> {
    const source = parseSource({ ...(input as object), id });
    await this.store.put(source);
    return source;
  }

  delete(id: string): Promise<boolean> {
    return this.store.delete(id);
  }

  /** Upserts every source of a JSON file (an array); a bad entry fails the whole seed naming it. */
  async seedFromFile(path: string): Promise<number> {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!Array.isArray(parsed)) throw new InvalidSourceError([`${path}: must hold a JSON array of sources`]);
    const sources = parsed.map((entry, index) => parseSource(entry, `[${index}]`));
    for (const source of sources) await this.store.put(source);
    return sources.length;
  }

  async enabled(): Promise<SourceConfig[]> {
    return (await this.store.list()).filter((s) => s.enabled);
  }

  async byCommunity(platform: Platform, communityId: string): Promise<SourceConfig | undefined> {
    return (await this.enabled()).find((s) => s.platform === platform && s.kind === 'community' && (s.communityId === communityId || s.discussionGroupId === communityId));
  }

  async byId(sourceId: string): Promise<SourceConfig | undefined> {
    return (await this.store.get(sourceId)) ?? undefined;
  }

  async byCredential(platform: Platform, credentialRef: string): Promise<SourceConfig[]> {
    return (await this.enabled()).filter((s) => s.platform === platform && s.credentialRef === credentialRef);
  }
}
