import { readFileSync } from 'node:fs';
import { SourceLabelMapping, TAXONOMY } from '@otklik/reference';
import type { UnmappedLabels } from './unmapped-labels';
import { parseCsvObjects } from '@otklik/csv';
import type { LabelledText } from './labelled-text';

const REQUIRED = ['id', 'text', 'topic', 'category_code'];

/**
 * Reads the Kursk appeals CSV, mapping its topics to Otklik topics; skips empty texts, and counts
 * in `unmapped` (leaving out) the texts whose topic the mapping lacks.
 */
export function readKurskAppeals(file: string, unmapped: UnmappedLabels, mapping = new SourceLabelMapping()): LabelledText[] {
  const rows = parseCsvObjects(readFileSync(file, 'utf8'));
  const missing = REQUIRED.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  const texts: LabelledText[] = [];
  for (const row of rows) {
    if (row.text.trim() === '') continue;
    const topicCode = mapping.kurskTopic(row.topic);
    if (topicCode === undefined) {
      unmapped.add('kursk', row.topic);
      continue;
    }
    texts.push({
      source: 'kursk',
      id: row.id,
      text: row.text,
      topicCode,
      category: TAXONOMY.categoryOf(topicCode),
      sourceLabels: { topic: row.topic, categoryCode: row.category_code },
    });
  }
  return texts;
}
