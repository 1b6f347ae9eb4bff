import { AnswerQualityModel, isFlagged, scoreSignals } from './answer-quality.calibration';
import { AnswerSignal, detectSignals } from './answer-signals';
import modelJson from './answer-quality.model.json';

/** The committed, calibrated model (see scripts/calibrate-answer-quality.ts). */
export const ANSWER_QUALITY_MODEL = modelJson as AnswerQualityModel;

/** What the check says about one answer. */
export interface AnswerAssessment {
  /** Probability-like score that the answer is a formal non-answer. */
  score: number;
  flagged: boolean;
  /** Signals behind the score, strongest first. */
  reasons: AnswerSignal[];
  /** Whether reply-back must wait for an operator's decision. */
  held: boolean;
}

export interface AnswerQualityOptions {
  /** Hold flagged answers for an operator instead of publishing them at once. */
  holdFlagged: boolean;
  model?: AnswerQualityModel;
}

/** Flags formal non-answers («отписки») before they are carried back to the citizen. */
export class AnswerQualityService {
  private readonly model: AnswerQualityModel;

  constructor(private readonly options: AnswerQualityOptions) {
    this.model = options.model ?? ANSWER_QUALITY_MODEL;
  }

  /** Scores an answer's text. Interim answers are judged by the same rules. */
  assess(text: string): AnswerAssessment {
    const signals = detectSignals(text);
    const score = scoreSignals(this.model, signals);
    const flagged = isFlagged(this.model, signals);
    const reasons = signals.filter((s) => this.model.weights[s] > 0 || this.model.alwaysFlag.includes(s)).sort((a, b) => this.model.weights[b] - this.model.weights[a]);
    return { score, flagged, reasons, held: flagged && this.options.holdFlagged };
  }
}
