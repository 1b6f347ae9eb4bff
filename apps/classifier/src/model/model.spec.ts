import { gzipSync } from 'node:zlib';
import { FeatureExtractor, type FeatureConfig } from '../features/feature-extractor';
import { expectedCalibrationError, fitTemperature, negativeLogLikelihood } from './calibration';
import { compactHeads } from './compaction';
import { LinearModel, quantiseHead } from './linear-model';
import { decodeArtifact, encodeArtifact } from './model-artifact';
import { SgdTrainer, type TrainingExample } from './sgd-trainer';

const CONFIG: FeatureConfig = { bits: 14, charGramMin: 3, charGramMax: 4, pairWeight: 1, charGramWeight: 0.5, maxWords: 50 };
const LABELS = ['snow', 'waste', 'lighting'];
const TEXTS: [string, number][] = [
  ['не убран снег во дворе', 0],
  ['сугробы на тротуаре, снег не чистят', 0],
  ['снег на дороге не убирают', 0],
  ['гололед и снег у подъезда', 0],
  ['мусор во дворе не вывозят', 1],
  ['переполнены мусорные баки', 1],
  ['свалка мусора у дома', 1],
  ['контейнер с мусором переполнен', 1],
  ['не горит фонарь у дома', 2],
  ['нет освещения на улице', 2],
  ['фонари не работают всю ночь', 2],
  ['темно, освещение не горит', 2],
];

function train(): LinearModel {
  const extractor = new FeatureExtractor(CONFIG);
  const examples: TrainingExample[] = TEXTS.map(([text, label]) => ({ vector: extractor.extract(text), labels: { kind: label }, weight: 1 }));
  const trainer = new SgdTrainer(CONFIG.bits, [{ name: 'kind', labels: LABELS }], { epochs: 30, learningRate: 0.3, l2: 1e-6, classWeightPower: 0.5, maxClassWeight: 10, learnBias: true, seed: 1 });
  const dense = trainer.train(examples);
  const compact = compactHeads(CONFIG.bits, dense.heads, 10_000);
  const heads = compact.heads.map((head) => quantiseHead(head, compact.buckets.length));
  return new LinearModel({ version: 'test-1', taxonomyVersion: 'test', features: CONFIG, buckets: compact.buckets, heads });
}

describe('linear model', () => {
  const model = train();
  const extractor = new FeatureExtractor(CONFIG);

  it('learns to separate the topics of its training texts', () => {
    for (const [text, label] of TEXTS) expect(model.predict(extractor.extract(text), 'kind').label).toBe(LABELS[label]);
  });

  it('generalises to an unseen inflection', () => {
    expect(model.predict(extractor.extract('снегом завалило двор'), 'kind').label).toBe('snow');
  });

  it('returns probabilities that sum to one', () => {
    const { probabilities } = model.predict(extractor.extract('мусор'), 'kind');
    expect(probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('names the feature that pulls hardest toward a label', () => {
    const vector = extractor.extract('опять мусор');
    const [top] = model.contributions(vector, 'kind', 'waste', 3);
    const names = extractor.nameBuckets('опять мусор', new Set([top.bucket]));
    expect(names.get(top.bucket)).toMatch(/мус|мусор/);
  });

  it('survives the artifact round trip unchanged', () => {
    const decoded = decodeArtifact(encodeArtifact(model.parts, { note: 'test' }));
    expect(decoded.training).toEqual({ note: 'test' });
    expect(decoded.model.version).toBe('test-1');
    for (const [text] of TEXTS) {
      const vector = extractor.extract(text);
      const before = model.predict(vector, 'kind');
      const after = decoded.model.predict(vector, 'kind');
      expect(after.label).toBe(before.label);
      expect(after.confidence).toBeCloseTo(before.confidence, 6);
    }
  });

  it('keeps category weights through the artifact and rejects a weight that is not positive', () => {
    const weighted = { ...model.parts, categoryWeights: { transport: 0.3 } };
    expect(decodeArtifact(encodeArtifact(weighted, {})).model.parts.categoryWeights).toEqual({ transport: 0.3 });
    expect(decodeArtifact(encodeArtifact(model.parts, {})).model.parts.categoryWeights).toBeUndefined();
    expect(() => decodeArtifact(encodeArtifact({ ...model.parts, categoryWeights: { transport: 0 } }, {}))).toThrow(/category weight for "transport" is 0/);
  });

  it('rejects an artifact of another format', () => {
    const bytes = gzipSync(JSON.stringify({ format: 'other' }));
    expect(() => decodeArtifact(bytes)).toThrow(/format/);
  });

  it('throws for an unknown head', () => {
    expect(() => model.head('nope')).toThrow(/no head "nope"/);
  });
});

describe('calibration', () => {
  it('finds a temperature above one for over-confident scores', () => {
    // Scores say 0.99 but the answer is right only 3 times in 4.
    const logits = Float32Array.from([5, 0]);
    const examples = [0, 0, 0, 1].map((target) => ({ logits, target }));
    const temperature = fitTemperature(examples);
    expect(temperature).toBeGreaterThan(1);
    expect(negativeLogLikelihood(examples, temperature)).toBeLessThan(negativeLogLikelihood(examples, 1));
    // 0.75 confidence is the honest one: e^(5/T) / (e^(5/T) + 1) = 0.75 → T = 5 / ln 3.
    expect(temperature).toBeCloseTo(5 / Math.log(3), 1);
  });

  it('measures calibration error as the confidence-accuracy gap', () => {
    expect(expectedCalibrationError([0.9, 0.9], [true, false])).toBeCloseTo(0.4, 5);
    expect(expectedCalibrationError([0.5, 0.5], [true, false])).toBeCloseTo(0, 5);
  });
});
