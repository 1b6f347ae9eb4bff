import path from 'node:path';
import { sharedDataDir } from '@otklik/config';
import { readKurskAppeals } from './kursk.reader';
import { readSpbAppeals } from './spb.reader';
import { SourceLabelMapping } from '@otklik/reference';
import { UnmappedLabels } from './unmapped-labels';

describe('source label mapping on the reference data sets', () => {
  const mapping = new SourceLabelMapping();

  it('covers every label of the reference data sets', () => {
    const dir = sharedDataDir();
    const unmapped = new UnmappedLabels();
    expect(readSpbAppeals(path.join(dir, 'spb-appeals/dev.jsonl.gz'), unmapped, mapping).length).toBeGreaterThan(30_000);
    expect(readKurskAppeals(path.join(dir, 'kursk-appeals/dev.csv'), unmapped, mapping).length).toBeGreaterThan(1_000);
    expect(unmapped.entries()).toEqual([]);
  });
});

describe('unmapped labels', () => {
  it('counts texts per label, most frequent first, and names where to map them', () => {
    const unmapped = new UnmappedLabels();
    expect(unmapped.summary()).toBeUndefined();
    unmapped.add('spb', 'Кровля / Новая причина');
    unmapped.add('kursk', 'Новая тема');
    unmapped.add('spb', 'Кровля / Новая причина');
    expect(unmapped.texts).toBe(3);
    expect(unmapped.entries()).toEqual([
      { source: 'spb', label: 'Кровля / Новая причина', texts: 2 },
      { source: 'kursk', label: 'Новая тема', texts: 1 },
    ]);
    expect(unmapped.summary()).toBe(
      'unmapped labels: 3 text(s) left out, 2 label(s) without an Otklik topic ' +
        '(map them in libs/reference/src/source-labels/mappings/spb.mapping.json, libs/reference/src/source-labels/mappings/kursk.mapping.json): spb "Кровля / Новая причина" ×2; kursk "Новая тема" ×1',
    );
  });
});
