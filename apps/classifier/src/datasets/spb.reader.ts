import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SourceLabelMapping, spbLabel, TAXONOMY } from '@otklik/reference';
import type { UnmappedLabels } from './unmapped-labels';
import type { LabelledText } from './labelled-text';

interface SpbRecord {
  id: number;
  text: string | null;
  category: string;
  reason: string;
  submitted_at: string;
  district?: string | null;
}

/**
 * Reads the SPb appeals file (`.jsonl` or `.jsonl.gz`), mapping its labels to Otklik topics; skips
 * empty texts, and counts in `unmapped` (leaving out) the texts whose category and reason the
 * mapping lacks.
 */
export function readSpbAppeals(file: string, unmapped: UnmappedLabels, mapping = new SourceLabelMapping()): LabelledText[] {
  const raw = readFileSync(file);
  const content = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const texts: LabelledText[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: SpbRecord;
    try {
      record = JSON.parse(line) as SpbRecord;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    if (!record.text || record.text.trim() === '') return;
    const topicCode = mapping.spbTopic(record.category, record.reason);
    if (topicCode === undefined) {
      unmapped.add('spb', spbLabel(record.category, record.reason));
      return;
    }
    texts.push({
      source: 'spb',
      id: String(record.id),
      text: record.text,
      submittedAt: record.submitted_at,
      topicCode,
      category: TAXONOMY.categoryOf(topicCode),
      sourceLabels: { category: record.category, reason: record.reason, ...(record.district ? { district: record.district } : {}) },
    });
  });
  return texts;
}
