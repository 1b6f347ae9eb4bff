import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Logger } from 'pino';
import { InjectLogger } from '@otklik/platform';
import { Agency } from '../agencies/agency.model';
import { routerConfig, RouterSettings } from '../config/router.config';
import { loadHistoryArtifact } from '../history/history-artifact';
import { HistoryModel } from '../history/history-model';
import { RoutingRule } from '../rules/routing-rule.model';
import { RoutingEngine } from '../routing/routing-engine';
import { RoutingData } from '../routing/routing-snapshot';
import { loadSeedData } from '../routing/seed-data';
import { Territory } from '../territories/territory.model';
import { checkedEngine } from './directory-check';
import { DirectoryConflictError, DirectoryNotFoundError } from './directory-errors';
import { DirectoryRepository } from './directory.mongo';

/** What a change does to the stored directory. */
interface Change {
  territories?: Territory[];
  agencies?: Agency[];
  rules?: RoutingRule[];
  deleteTerritory?: string;
  deleteAgency?: string;
  deleteRule?: number;
}

/**
 * The agency directory and routing rules: stored in the database, held in memory as one
 * immutable routing engine, rebuilt after every change (checked first: a change that would
 * leave the directory inconsistent is refused) and re-read periodically for changes made by
 * other instances.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, BeforeApplicationShutdown {
  readonly repository: DirectoryRepository;
  private readonly history?: HistoryModel;
  private current?: RoutingEngine;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(getConnectionToken()) connection: Connection,
    @Inject(routerConfig.KEY) private readonly settings: RouterSettings,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.repository = new DirectoryRepository(connection);
    if (settings.historyFile !== 'off') this.history = loadHistoryArtifact(settings.historyFile || undefined);
  }

  async onModuleInit(): Promise<void> {
    await this.repository.init();
    if (this.settings.seedOnStart && (await this.repository.isEmpty())) {
      const counts = await this.importSeeds();
      this.logger.info(counts, 'directory was empty: shipped seeds imported');
    }
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: Error) => this.logger.error({ err: error }, 'directory refresh failed; keeping the previous one'));
    }, this.settings.directoryRefreshMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The routing engine of the current directory. */
  engine(): RoutingEngine {
    if (!this.current) throw new Error('the directory is not loaded yet');
    return this.current;
  }

  async reload(): Promise<RoutingEngine> {
    this.current = checkedEngine(await this.load());
    return this.current;
  }

  /** Imports (upserts) the shipped seed files. */
  async importSeeds(): Promise<{ territories: number; agencies: number; rules: number }> {
    const seeds = loadSeedData();
    await this.apply({ territories: [...seeds.territories], agencies: [...seeds.agencies], rules: [...seeds.rules] });
    return { territories: seeds.territories.length, agencies: seeds.agencies.length, rules: seeds.rules.length };
  }

  putTerritories(territories: Territory[]): Promise<RoutingEngine> {
    return this.apply({ territories });
  }

  putAgencies(agencies: Agency[]): Promise<RoutingEngine> {
    return this.apply({ agencies });
  }

  putRules(rules: RoutingRule[]): Promise<RoutingEngine> {
    return this.apply({ rules });
  }

  async deleteTerritory(code: string): Promise<void> {
    const data = await this.load();
    if (!data.territories.some((t) => t.code === code)) throw new DirectoryNotFoundError('territory', code);
    const children = data.territories.filter((t) => t.parentCode === code).length;
    const agencies = data.agencies.filter((a) => a.territoryCode === code).length;
    const rules = data.rules.filter((r) => r.territoryCodes.includes(code)).map((r) => r.id);
    if (children + agencies + rules.length > 0) throw new DirectoryConflictError(`territory ${code} is used by ${children} territories, ${agencies} agencies and rules [${rules.join(', ')}]`);
    await this.apply({ deleteTerritory: code });
  }

  async deleteAgency(id: string): Promise<void> {
    const data = await this.load();
    if (!data.agencies.some((a) => a.id === id)) throw new DirectoryNotFoundError('agency', id);
    const children = data.agencies.filter((a) => a.parentId === id).map((a) => a.id);
    const rules = data.rules.filter((r) => r.agency === id || r.coExecutors?.includes(id)).map((r) => r.id);
    if (children.length + rules.length > 0)
      throw new DirectoryConflictError(`agency ${id} is the parent of [${children.join(', ')}] and is named by rules [${rules.join(', ')}]; deactivate it instead`);
    await this.apply({ deleteAgency: id });
  }

  async deleteRule(id: number): Promise<void> {
    if (!(await this.repository.deleteRule(id))) throw new DirectoryNotFoundError('rule', String(id));
    await this.reload();
  }

  private async load(): Promise<RoutingData> {
    const [territories, agencies, rules] = await Promise.all([this.repository.loadTerritories(), this.repository.loadAgencies(), this.repository.loadRules()]);
    return { territories, agencies, rules, history: this.history, policy: this.settings.routing };
  }

  /** Checks the directory the change would give, then stores the change and serves the new engine. */
  private async apply(change: Change): Promise<RoutingEngine> {
    const data = await this.load();
    const merge = <T>(stored: readonly T[], changed: readonly T[] | undefined, key: (x: T) => string | number, removed?: string | number): T[] => {
      const map = new Map(stored.map((x) => [key(x), x]));
      for (const x of changed ?? []) map.set(key(x), x);
      if (removed !== undefined) map.delete(removed);
      return [...map.values()];
    };
    const next = checkedEngine({
      ...data,
      territories: merge(data.territories, change.territories, (t) => t.code, change.deleteTerritory),
      agencies: merge(data.agencies, change.agencies, (a) => a.id, change.deleteAgency),
      rules: merge(data.rules, change.rules, (r) => r.id, change.deleteRule),
    });
    await this.repository.putTerritories(change.territories ?? []);
    await this.repository.putAgencies(change.agencies ?? []);
    await this.repository.putRules(change.rules ?? []);
    if (change.deleteTerritory !== undefined) await this.repository.deleteTerritory(change.deleteTerritory);
    if (change.deleteAgency !== undefined) await this.repository.deleteAgency(change.deleteAgency);
    this.current = next;
    return next;
  }
}
