import { readFileSync } from 'node:fs';
import { AgencyDirectory } from '../agencies/agency-directory';
import { HistoryObservation } from './history-model';
import { targetOf, topicPathOf } from './history-targets';
import { SpbAppeal } from './spb-appeals.reader';

/** The portal's «category / reason» → Otklik topic table (the classifier's mapping file). */
export class SpbTopicMap {
  constructor(private readonly reasons: Readonly<Record<string, string>>) {}

  static fromFile(file: string): SpbTopicMap {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { reasons?: Record<string, string> };
    if (!data.reasons || typeof data.reasons !== 'object') throw new Error(`${file}: no "reasons" table`);
    return new SpbTopicMap(data.reasons);
  }

  /** Otklik topic of an appeal, or undefined when the table lacks its reason. */
  topicOf(appeal: Pick<SpbAppeal, 'category' | 'reason'>): string | undefined {
    return this.reasons[`${appeal.category} / ${appeal.reason}`];
  }
}

/** The portal's own reason as the finest topic key. */
export function spbSourceLabel(appeal: Pick<SpbAppeal, 'category' | 'reason'>): string {
  return `spb:${appeal.category} / ${appeal.reason}`;
}

/** Territory code of an appeal's district (St Petersburg region key `40`). */
export function spbTerritoryOf(appeal: Pick<SpbAppeal, 'district'>, directory: AgencyDirectory): string | undefined {
  return directory.territories.resolve({ name: appeal.district, regionKey: '40' })?.code;
}

/** Options of turning appeals into observations. */
export interface SpbObservationOptions {
  /** Keep the portal's reasons as the finest topic level (true) or stop at Otklik's topic. */
  withSourceLabels: boolean;
  /** Also learn from appeals that have only an interim answer, labelled by its author. */
  includeInterim?: boolean;
}

/** The organisation an appeal's label names: the final answer's author (or the interim's, if asked). */
export function answeringOrg(appeal: SpbAppeal, includeInterim = false): string | undefined {
  return appeal.finalAnswerOrg ?? (includeInterim ? appeal.lastAnswerOrg : undefined);
}

/** Turns answered appeals into history observations; appeals without a label or place are skipped. */
export function spbObservations(appeals: Iterable<SpbAppeal>, topics: SpbTopicMap, directory: AgencyDirectory, options: SpbObservationOptions): HistoryObservation[] {
  const out: HistoryObservation[] = [];
  for (const appeal of appeals) {
    const org = answeringOrg(appeal, options.includeInterim);
    const topic = topics.topicOf(appeal);
    const territoryCode = spbTerritoryOf(appeal, directory);
    if (!org || !topic || !territoryCode) continue;
    out.push({
      topicPath: topicPathOf(topic, options.withSourceLabels ? [spbSourceLabel(appeal)] : []),
      territoryPath: directory.territories.pathOf(territoryCode),
      target: targetOf(org, territoryCode, directory),
    });
  }
  return out;
}
