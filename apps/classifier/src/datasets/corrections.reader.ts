import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import type { UnmappedLabels } from './unmapped-labels';
import { withTopicCode, type WrittenBeforeTopicCode } from '@otklik/contracts';
import { TAXONOMY } from '@otklik/reference';
import type { LabelledText } from './labelled-text';

/** A labelled example as the review queue stores and `export-corrections` writes it. */
export interface CorrectionRecord {
  postId: string;
  text: string;
  kind: string;
  topicCode?: string | null;
}

/**
 * Operator-labelled examples usable for the topic model: those with a topic the current
 * taxonomy knows. Thanks and other posts carry no topic and are not used; a topic the taxonomy
 * lacks (an older or newer taxonomy's) is counted in `unmapped` and left out.
 */
export function toLabelledTexts(records: readonly CorrectionRecord[], unmapped: UnmappedLabels): LabelledText[] {
  const texts: LabelledText[] = [];
  for (const r of records) {
    const topicCode = r.topicCode;
    if (typeof topicCode !== 'string' || r.text.trim() === '') continue;
    if (!TAXONOMY.hasTopic(topicCode)) {
      unmapped.add('correction', topicCode);
      continue;
    }
    texts.push({ source: 'correction', id: r.postId, text: r.text, topicCode, category: TAXONOMY.categoryOf(topicCode), sourceLabels: { kind: r.kind } });
  }
  return texts;
}

/** Reads a JSON-lines export of labelled examples; the error names the bad line. */
export function readCorrectionsFile(file: string, unmapped: UnmappedLabels): LabelledText[] {
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        // Exports written before the taxonomy code was named `topicCode` say `topic`.
        return withTopicCode<CorrectionRecord & { topicCode: string }>(JSON.parse(line) as WrittenBeforeTopicCode<CorrectionRecord & { topicCode: string }>);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
  return toLabelledTexts(records, unmapped);
}

/** Reads every labelled example straight from the classifier's database. */
export async function readCorrectionRecords(uri: string, database: string): Promise<CorrectionRecord[]> {
  const connection = await mongoose.createConnection(uri, { dbName: database, maxPoolSize: 2, serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const rows = await connection
      .collection('labelled_examples')
      .find({}, { projection: { _id: 0, postId: 1, text: 1, kind: 1, topicCode: 1, urgency: 1, territoryCode: 1, action: 1, labelledAt: 1 } })
      .toArray();
    return rows as unknown as CorrectionRecord[];
  } finally {
    await connection.close();
  }
}
