import { TAXONOMY } from '@otklik/reference';
import { Agency, AgencyKind } from '../agencies/agency.model';
import { AgencyDirectory } from '../agencies/agency-directory';
import { categoryOf } from '../shared/topics';

/** Topic keys of an incident, coarse to fine; source labels (a portal's reasons) go last. */
export function topicPathOf(topicCode: string, sourceLabels: readonly string[] = []): string[] {
  const category = categoryOf(topicCode);
  const path = [`cat:${category}`];
  if (topicCode !== category) path.push(`topic:${topicCode}`);
  return [...path, ...sourceLabels];
}

/** Human-readable form of a topic key: `spb:Благоустройство / Неубранный снег` → the label, a taxonomy code → its name. */
export function describeTopicKey(topicKey: string): string {
  const colon = topicKey.indexOf(':');
  const described = colon < 0 ? topicKey : topicKey.slice(colon + 1);
  return TAXONOMY.isKnown(described) ? TAXONOMY.nameOf(described) : described;
}

/**
 * What history learns that an appeal's answer says. An agency that is the one agency of its kind
 * on the appeal's own territory (a district's housing agency or administration) becomes a role,
 * `kind:<kind>`, so that what one district's appeals teach carries over to every district.
 */
export function targetOf(orgName: string, territoryCode: string, directory: AgencyDirectory): string {
  const agency = directory.byNameOrAlias(orgName);
  if (!agency) return `name:${orgName}`;
  if (agency.territoryCode === territoryCode && directory.nearestOfKind(agency.kind, territoryCode)?.id === agency.id) return `kind:${agency.kind}`;
  return `agency:${agency.id}`;
}

/** The agency a learned target stands for on `territoryCode`, if the directory has one. */
export function resolveTarget(target: string, territoryCode: string, directory: AgencyDirectory): Agency | undefined {
  const colon = target.indexOf(':');
  const kind = target.slice(0, colon);
  const value = target.slice(colon + 1);
  if (kind === 'kind') return directory.nearestOfKind(value as AgencyKind, territoryCode);
  if (kind === 'agency') {
    const agency = directory.get(value);
    return agency?.active ? agency : undefined;
  }
  if (kind === 'name') {
    const agency = directory.byNameOrAlias(value);
    return agency?.active ? agency : undefined;
  }
  return undefined;
}
