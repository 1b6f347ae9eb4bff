import { readFileSync } from 'node:fs';
import { SourceLabelMapping } from '../taxonomy/source-labels';
import { TAXONOMY } from '../taxonomy/taxonomy';
import { parseCsvObjects } from '@otklik/csv';
import type { LabelledText } from './labelled-text';

const REQUIRED = ['id', 'text', 'topic', 'category_code'];

/** Reads the Kursk appeals CSV, mapping its topics to Otklik topics; skips empty texts. */
export function readKurskAppeals(file: string, mapping = new SourceLabelMapping()): LabelledText[] {
  const rows = parseCsvObjects(readFileSync(file, 'utf8'));
  const missing = REQUIRED.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return rows
    .filter((row) => row.text.trim() !== '')
    .map((row): LabelledText => {
      const topic = mapping.kurskTopic(row.topic);
      return {
        source: 'kursk',
        id: row.id,
        text: row.text,
        topic,
        category: TAXONOMY.categoryOf(topic),
        sourceLabels: { topic: row.topic, categoryCode: row.category_code },
      };
    });
}
