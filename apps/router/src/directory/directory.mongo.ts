import { Collection, Connection } from 'mongoose';
import { Agency } from '../agencies/agency.model';
import { RoutingRule } from '../rules/routing-rule.model';
import { renameFieldOnce } from '@otklik/platform';
import { stripUndefined } from '../shared/mongo';
import { Territory } from '../territories/territory.model';

type TerritoryDoc = Omit<Territory, 'code'> & { _id: string };
type AgencyDoc = Omit<Agency, 'id'> & { _id: string };
type RuleDoc = Omit<RoutingRule, 'id'> & { _id: number };

/** The directory's three collections: territories, agencies and routing rules. */
export class DirectoryRepository {
  private readonly territories: Collection<TerritoryDoc>;
  private readonly agencies: Collection<AgencyDoc>;
  private readonly rules: Collection<RuleDoc>;

  constructor(private readonly connection: Connection) {
    this.territories = connection.collection<TerritoryDoc>('territories');
    this.agencies = connection.collection<AgencyDoc>('agencies');
    this.rules = connection.collection<RuleDoc>('routing_rules');
  }

  async init(): Promise<void> {
    // Agencies and rules stored before the taxonomy codes they cover were named `topicCodes`.
    await renameFieldOnce(this.connection, 'agencies', 'topics', 'topicCodes');
    await renameFieldOnce(this.connection, 'routing_rules', 'topics', 'topicCodes');
    await Promise.all([this.territories.createIndex({ parentCode: 1 }), this.agencies.createIndex({ territoryCode: 1 })]);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.territories.countDocuments({}, { limit: 1 })) === 0;
  }

  async loadTerritories(): Promise<Territory[]> {
    return (await this.territories.find({}).toArray()).map(({ _id, ...rest }) => ({ ...rest, code: _id }));
  }

  async loadAgencies(): Promise<Agency[]> {
    return (await this.agencies.find({}).toArray()).map(({ _id, ...rest }) => ({ ...rest, id: _id }));
  }

  async loadRules(): Promise<RoutingRule[]> {
    return (await this.rules.find({}).sort({ _id: 1 }).toArray()).map(({ _id, ...rest }) => ({ ...rest, id: _id }));
  }

  async putTerritories(items: readonly Territory[]): Promise<void> {
    if (items.length === 0) return;
    await this.territories.bulkWrite(
      items.map(({ code, ...rest }) => ({ replaceOne: { filter: { _id: code }, replacement: stripUndefined(rest), upsert: true } })),
      { ordered: false },
    );
  }

  async putAgencies(items: readonly Agency[]): Promise<void> {
    if (items.length === 0) return;
    await this.agencies.bulkWrite(
      items.map(({ id, ...rest }) => ({ replaceOne: { filter: { _id: id }, replacement: stripUndefined(rest), upsert: true } })),
      { ordered: false },
    );
  }

  async putRules(items: readonly RoutingRule[]): Promise<void> {
    if (items.length === 0) return;
    await this.rules.bulkWrite(
      items.map(({ id, ...rest }) => ({ replaceOne: { filter: { _id: id }, replacement: stripUndefined(rest), upsert: true } })),
      { ordered: false },
    );
  }

  async deleteTerritory(code: string): Promise<boolean> {
    return (await this.territories.deleteOne({ _id: code })).deletedCount === 1;
  }

  async deleteAgency(id: string): Promise<boolean> {
    return (await this.agencies.deleteOne({ _id: id })).deletedCount === 1;
  }

  async deleteRule(id: number): Promise<boolean> {
    return (await this.rules.deleteOne({ _id: id })).deletedCount === 1;
  }
}
