import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCorrectionsFile } from '../datasets/corrections.reader';
import type { LabelledText } from '../datasets/labelled-text';
import type { SplitPlan } from '../datasets/split';
import { evaluateModel } from '../evaluation/model-evaluation';
import { UnmappedLabels } from '../datasets/unmapped-labels';
import { trainModel } from './train-model';
import { smallTrainConfig } from '../testing/train-config';

const CONFIG = smallTrainConfig('test-corrections');
const PLAN: SplitPlan = { spb: { calibrationFrom: '2020-12-03', heldOutFrom: '2020-12-17' }, kursk: { calibrationFromId: 1, heldOutFromId: 2 } };

/** Portal appeals of two topics, a month of them. */
function appeals(): LabelledText[] {
  const phrases: [string, string][] = [
    ['landscaping.snow_ice', 'во дворе не убран снег, сугробы и наледь'],
    ['waste.containers', 'переполнены мусорные контейнеры, мусор не вывозят'],
  ];
  return Array.from({ length: 60 }, (_, day) =>
    phrases.map(([topic, text], i): LabelledText => ({
      source: 'spb',
      id: `${day}-${i}`,
      text: `${text} (${day})`,
      submittedAt: new Date(Date.UTC(2020, 10, 1 + (day % 45))).toISOString().slice(0, 19),
      topicCode: topic,
      category: topic.split('.')[0],
      sourceLabels: {},
    })),
  ).flat();
}

describe('training on operator corrections', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'otklik-train-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('learns a topic only the corrections teach, from the export train reads', () => {
    // As export-corrections writes the classifier's labelled examples (desk's corrections among them).
    const records = Array.from({ length: 12 }, (_, i) => ({
      postId: `c${i}`,
      text: `глубокая яма на проезжей части, асфальт разбит (${i})`,
      kind: 'complaint',
      topicCode: 'roads.surface',
      action: 'corrected',
    }));
    const file = path.join(dir, 'corrections.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const corrections = readCorrectionsFile(file, new UnmappedLabels());
    const probe: LabelledText[] = [{ source: 'spb', id: 'probe', text: 'яма на проезжей части, разбит асфальт', topicCode: 'roads.surface', category: 'roads', sourceLabels: {} }];

    const without = trainModel(appeals(), PLAN, CONFIG);
    const withCorrections = trainModel([...appeals(), ...corrections], PLAN, CONFIG);

    expect(withCorrections.counts['correction.train']).toBe(12);
    expect(evaluateModel(without.model, probe).topic.accuracy).toBe(0);
    expect(evaluateModel(withCorrections.model, probe).topic.accuracy).toBe(1);
  });
});
