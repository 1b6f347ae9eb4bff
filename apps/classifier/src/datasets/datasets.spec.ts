import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UnmappedLabels } from './unmapped-labels';
import { cliOptions } from './cli-options';
import { readCorrectionsFile, toLabelledTexts } from './corrections.reader';
import { readKurskAppeals } from './kursk.reader';
import { readSpbAppeals } from './spb.reader';
import type { LabelledText } from './labelled-text';
import { partOf, planSplit } from './split';

const text = (source: LabelledText['source'], id: string, submittedAt?: string): LabelledText => ({
  source,
  id,
  text: 'x',
  topicCode: 'waste.litter',
  category: 'waste',
  sourceLabels: {},
  ...(submittedAt ? { submittedAt } : {}),
});

describe('cliOptions', () => {
  it('reads both --name value and --name=value', () => {
    expect(cliOptions(['--data', 'a.csv', '--part=all', '--verbose'])).toEqual({ data: 'a.csv', part: 'all', verbose: 'true' });
  });
});

describe('split', () => {
  const texts = [
    text('spb', '1', '2021-01-01T10:00:00'),
    text('spb', '2', '2021-01-20T10:00:00'),
    text('spb', '3', '2021-02-10T10:00:00'),
    text('spb', '4', '2021-02-28T23:00:00'),
    ...Array.from({ length: 10 }, (_, i) => text('kursk', String(100 + i))),
  ];
  const plan = planSplit(texts, { spbHeldOutDays: 28, spbCalibrationDays: 14, kurskHeldOutShare: 0.2, kurskCalibrationShare: 0.1 });

  it('holds out the latest SPb weeks and calibrates on the weeks before them', () => {
    expect(plan.spb).toEqual({ heldOutFrom: '2021-01-31', calibrationFrom: '2021-01-17' });
    expect(texts.slice(0, 4).map((t) => partOf(t, plan))).toEqual(['train', 'calibration', 'heldOut', 'heldOut']);
  });

  it('holds out the highest Kursk ids', () => {
    const parts = texts.slice(4).map((t) => partOf(t, plan));
    expect(parts).toEqual([...Array(7).fill('train'), 'calibration', 'heldOut', 'heldOut']);
  });

  it('always trains on operator corrections', () => {
    expect(partOf(text('correction', 'c1'), plan)).toBe('train');
  });
});

describe('readers meeting a label the mapping has never seen', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'otklik-datasets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('leaves out the SPb appeals of an unseen reason, counts them and reads the rest', () => {
    const spb = (id: number, reason: string) => JSON.stringify({ id, text: `обращение ${id}`, category: 'Кровля', reason, submitted_at: '2021-01-10T10:00:00' });
    const file = write('spb.jsonl', [spb(1, 'Наличие наледи на крыше'), spb(2, 'Новая причина'), spb(3, 'Новая причина'), spb(4, 'Наличие наледи на крыше')].join('\n'));
    const unmapped = new UnmappedLabels();
    const texts = readSpbAppeals(file, unmapped);
    expect(texts.map((t) => [t.id, t.topicCode])).toEqual([
      ['1', 'housing.roofs'],
      ['4', 'housing.roofs'],
    ]);
    expect(unmapped.entries()).toEqual([{ source: 'spb', label: 'Кровля / Новая причина', texts: 2 }]);
  });

  it('leaves out the Kursk appeals of an unseen topic and counts them', () => {
    const file = write('kursk.csv', 'id,text,topic,category_code\n1,Собаки во дворе,Безнадзорные животные,16\n2,Что-то новое,Новая тема,99\n');
    const unmapped = new UnmappedLabels();
    expect(readKurskAppeals(file, unmapped).map((t) => t.topicCode)).toEqual(['safety.stray_animals']);
    expect(unmapped.entries()).toEqual([{ source: 'kursk', label: 'Новая тема', texts: 1 }]);
  });

  it('counts operator corrections whose topic the taxonomy lacks, and skips those without a topic silently', () => {
    const records = [
      { postId: 'c1', text: 'Яма на дороге', kind: 'complaint', topicCode: 'roads.surface' },
      { postId: 'c2', text: 'Телепорт сломан', kind: 'complaint', topicCode: 'roads.teleport' },
      { postId: 'c3', text: 'Спасибо!', kind: 'thanks', topicCode: null },
    ];
    const unmapped = new UnmappedLabels();
    expect(toLabelledTexts(records, unmapped).map((t) => t.id)).toEqual(['c1']);
    expect(unmapped.entries()).toEqual([{ source: 'correction', label: 'roads.teleport', texts: 1 }]);
    // An export written before the taxonomy code was named topicCode says `topic`.
    const earlier = { postId: 'c4', text: 'Батареи холодные', kind: 'complaint', topic: 'housing.heating' };
    const file = write('corrections.jsonl', [...records, earlier].map((r) => JSON.stringify(r)).join('\n'));
    expect(readCorrectionsFile(file, new UnmappedLabels()).map((t) => [t.id, t.topicCode])).toEqual([
      ['c1', 'roads.surface'],
      ['c4', 'housing.heating'],
    ]);
  });
});
