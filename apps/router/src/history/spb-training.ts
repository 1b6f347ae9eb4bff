import { readFileSync } from 'node:fs';
import { SOURCE_LABEL_TABLES, SourceLabelMapping } from '@otklik/reference';
import { AgencyDirectory } from '../agencies/agency-directory';
import { HistoryObservation } from './history-model';
import { targetOf, topicPathOf } from './history-targets';
import { SpbAppeal } from './spb-appeals.reader';

/** What routing needs of the source-label mapping: the Otklik topic of an SPb appeal's category and reason. */
export type SpbTopics = Pick<SourceLabelMapping, 'spbTopic'>;

/** The shipped mapping (`@otklik/reference`), or, to try another, one whose SPb table is read from `file`. */
export function spbTopics(file?: string): SourceLabelMapping {
  if (!file) return new SourceLabelMapping();
  const data = JSON.parse(readFileSync(file, 'utf8')) as { reasons?: Record<string, string> };
  if (!data.reasons || typeof data.reasons !== 'object') throw new Error(`${file}: no "reasons" table`);
  return new SourceLabelMapping({ ...SOURCE_LABEL_TABLES, spbReasons: data.reasons });
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
export function spbObservations(appeals: Iterable<SpbAppeal>, topics: SpbTopics, directory: AgencyDirectory, options: SpbObservationOptions): HistoryObservation[] {
  const out: HistoryObservation[] = [];
  for (const appeal of appeals) {
    const org = answeringOrg(appeal, options.includeInterim);
    const topicCode = topics.spbTopic(appeal.category, appeal.reason);
    const territoryCode = spbTerritoryOf(appeal, directory);
    if (!org || !topicCode || !territoryCode) continue;
    out.push({
      topicPath: topicPathOf(topicCode, options.withSourceLabels ? [spbSourceLabel(appeal)] : []),
      territoryPath: directory.territories.pathOf(territoryCode),
      target: targetOf(org, territoryCode, directory),
    });
  }
  return out;
}
