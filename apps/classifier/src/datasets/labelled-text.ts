/** Where a labelled text comes from. */
export type TextSource = 'spb' | 'kursk' | 'correction';

/** A text with its gold labels in the data set's own terms and in Otklik's taxonomy. */
export interface LabelledText {
  readonly source: TextSource;
  /** Id within the source, used for ordering (Kursk) and de-duplication (corrections). */
  readonly id: string;
  readonly text: string;
  /** Submission time (ISO 8601) where the source records it. */
  readonly submittedAt?: string;
  /** Taxonomy topic code (`housing.heating`). */
  readonly topicCode: string;
  readonly category: string;
  /** The source's own labels, e.g. `{ category, reason }` for SPb, `{ topic, categoryCode }` for Kursk. */
  readonly sourceLabels: Readonly<Record<string, string>>;
}
