import type { LabelledText } from '../datasets/labelled-text';
import { decideTopic, type TopicDecision } from '../classifier/classifier';
import { FeatureExtractor } from '../features/feature-extractor';
import { expectedCalibrationError } from '../model/calibration';
import type { LinearModel } from '../model/linear-model';
import { foldCase } from '@otklik/text';
import { toPlainText } from '../text/plain-text';
import { scoreTask, type TaskReport } from './metrics';

/** A task's report plus how well its confidences match its accuracy. */
export interface CalibratedTaskReport extends TaskReport {
  readonly expectedCalibrationError: number;
}

type Task = 'category' | 'topic';

/** Scores the model's category and topic decisions against the gold labels of `texts`; `onDecision` sees each one. */
export function evaluateModel(model: LinearModel, texts: readonly LabelledText[], onDecision?: (text: LabelledText, decision: TopicDecision) => void): Record<Task, CalibratedTaskReport> {
  const extractor = new FeatureExtractor(model.parts.features);
  const gold: Record<Task, string[]> = { category: [], topic: [] };
  const predicted: Record<Task, string[]> = { category: [], topic: [] };
  const confidence: Record<Task, number[]> = { category: [], topic: [] };
  for (const text of texts) {
    const folded = foldCase(toPlainText(text.text));
    const decision = decideTopic(model, extractor.extractFolded(folded), folded);
    onDecision?.(text, decision);
    for (const task of ['category', 'topic'] as const) {
      gold[task].push(task === 'topic' ? text.topicCode : text.category);
      predicted[task].push(decision[task].code);
      confidence[task].push(decision[task].confidence);
    }
  }
  const report = (task: Task): CalibratedTaskReport => ({
    ...scoreTask(gold[task], predicted[task]),
    expectedCalibrationError: expectedCalibrationError(
      confidence[task],
      gold[task].map((g, i) => g === predicted[task][i]),
    ),
  });
  return { category: report('category'), topic: report('topic') };
}
