import { ESCALATION_ROLES, type EscalationRecipient } from '@otklik/contracts';
import { topicCovers } from '../shared/topics';
import { normaliseText } from '@otklik/text';
import { TerritoryDirectory } from '../territories/territory-directory';
import { Agency, AgencyKind } from './agency.model';

/** A directory that cannot be built as given; names the agency and the field. */
export class AgencyDirectoryError extends Error {
  constructor(
    readonly agencyId: string,
    readonly field: string,
    message: string,
  ) {
    super(`agency ${agencyId}: ${field}: ${message}`);
    this.name = 'AgencyDirectoryError';
  }
}

/**
 * A reference to an agency in rules: its id (`spb-dodd`), or `@<kind>` — the agency of that kind
 * serving the incident's territory or its nearest enclosing territory (`@housing_agency`).
 */
export type AgencyRef = string;

/** Key under which agency names are compared: quotes, case and punctuation do not matter. */
export function agencyNameKey(name: string): string {
  return normaliseText(name.replace(/[«»"'`„“”]/g, ' '));
}

/** Agencies held in memory with the lookups routing needs. */
export class AgencyDirectory {
  private readonly byId = new Map<string, Agency>();
  private readonly byName = new Map<string, Agency>();
  private readonly byKindAndTerritory = new Map<string, Agency[]>();

  constructor(
    agencies: readonly Agency[],
    readonly territories: TerritoryDirectory,
  ) {
    for (const agency of agencies) {
      if (this.byId.has(agency.id)) throw new AgencyDirectoryError(agency.id, 'id', 'listed twice');
      if (!territories.get(agency.territoryCode)) throw new AgencyDirectoryError(agency.id, 'territoryCode', `unknown territory ${agency.territoryCode}`);
      // Deadlines are counted in the agency's local working time: without a zone none can be set.
      if (!agency.workingHours.timeZone && !territories.timeZoneOf(agency.territoryCode)) {
        throw new AgencyDirectoryError(agency.id, 'workingHours.timeZone', `required: territory ${agency.territoryCode} and those enclosing it name no time zone`);
      }
      this.byId.set(agency.id, agency);
      if (!agency.active) continue;
      const key = `${agency.kind}|${agency.territoryCode}`;
      this.byKindAndTerritory.set(key, [...(this.byKindAndTerritory.get(key) ?? []), agency]);
    }
    for (const agency of agencies) {
      this.checkParents(agency);
      for (const name of [agency.name, agency.shortName, ...(agency.aliases ?? [])]) {
        if (name === undefined) continue;
        const key = agencyNameKey(name);
        const other = this.byName.get(key);
        if (other && other.id !== agency.id) throw new AgencyDirectoryError(agency.id, 'name', `"${name}" is already the name of ${other.id}`);
        this.byName.set(key, agency);
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Agency[] {
    return [...this.byId.values()];
  }

  get(id: string): Agency | undefined {
    return this.byId.get(id);
  }

  /** The agency known under a name or alias (as answers and data spell it). */
  byNameOrAlias(name: string): Agency | undefined {
    return this.byName.get(agencyNameKey(name));
  }

  /**
   * The one active agency of `kind` serving `territoryCode` or, failing that, the nearest
   * enclosing territory. Two agencies of one kind on one territory are ambiguous: none is chosen.
   */
  nearestOfKind(kind: AgencyKind, territoryCode: string): Agency | undefined {
    for (const code of this.territories.pathOf(territoryCode)) {
      const here = this.byKindAndTerritory.get(`${kind}|${code}`) ?? [];
      if (here.length === 1) return here[0];
      if (here.length > 1) return undefined;
    }
    return undefined;
  }

  /** Resolves an id or `@kind` reference for an incident on `territoryCode`. */
  resolve(ref: AgencyRef, territoryCode: string): Agency | undefined {
    if (ref.startsWith('@')) return this.nearestOfKind(ref.slice(1) as AgencyKind, territoryCode);
    const agency = this.byId.get(ref);
    return agency?.active ? agency : undefined;
  }

  /** The management centre responsible for a territory (the triage queue's owner). */
  managementCentreFor(territoryCode: string): Agency | undefined {
    return this.nearestOfKind('management_centre', territoryCode);
  }

  /**
   * Active agencies that declare the topic and serve a territory enclosing `territoryCode`,
   * nearest first, then the most specific topic declaration.
   */
  competentFor(topicCode: string, territoryCode: string): Agency[] {
    const path = this.territories.pathOf(territoryCode);
    return this.all()
      .filter((a) => a.active && a.kind !== 'management_centre' && path.includes(a.territoryCode) && a.topicCodes.some((p) => topicCovers(p, topicCode)))
      .sort((a, b) => path.indexOf(a.territoryCode) - path.indexOf(b.territoryCode) || a.id.localeCompare(b.id));
  }

  /** IANA zone an agency works in. */
  timeZoneOf(agency: Agency): string | undefined {
    return agency.workingHours.timeZone ?? this.territories.timeZoneOf(agency.territoryCode);
  }

  /**
   * Who hears of each escalation step of the agency's incidents: the agency's own recipients for a
   * step; for the supervisor and deputy-governor steps, failing those, its nearest parent's that
   * lists the step, then the management centre of its territory. A step nobody lists has none.
   */
  escalationOf(agency: Agency): EscalationRecipient[] {
    const centre = this.managementCentreFor(agency.territoryCode);
    const sources = [agency, ...this.parentsOf(agency), ...(centre ? [centre] : [])];
    return ESCALATION_ROLES.flatMap((role) => {
      const from = role === 'agency_head' ? [agency] : sources;
      const contacts = from.map((a) => a.escalation?.[role]).find((list) => list !== undefined && list.length > 0) ?? [];
      return contacts.map((c) => ({ role, ...c }));
    });
  }

  private parentsOf(agency: Agency): Agency[] {
    // The constructor has rejected unknown parents and cycles.
    const parents: Agency[] = [];
    const parentOf = (a: Agency) => (a.parentId === undefined ? undefined : this.byId.get(a.parentId));
    for (let parent = parentOf(agency); parent; parent = parentOf(parent)) parents.push(parent);
    return parents;
  }

  private checkParents(agency: Agency): void {
    const seen = new Set([agency.id]);
    let current = agency;
    while (current.parentId !== undefined) {
      const parent = this.byId.get(current.parentId);
      if (!parent) throw new AgencyDirectoryError(agency.id, 'parentId', `unknown parent ${current.parentId}`);
      if (seen.has(parent.id)) throw new AgencyDirectoryError(agency.id, 'parentId', 'the hierarchy has a cycle');
      seen.add(parent.id);
      current = parent;
    }
  }
}
