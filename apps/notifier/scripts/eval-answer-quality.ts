/**
 * Precision and recall of the answer-quality check on the held-out split of the SPb appeals
 * (answers never seen by calibrate-answer-quality.ts), with the committed model.
 *
 *   npx node -r @swc-node/register apps/notifier/scripts/eval-answer-quality.ts
 *
 * Labels come from the citizens' verdicts (see spb-feedback.ts). Primary: disputed vs accepted.
 * Secondary: not accepted (disputed or left unconfirmed) vs accepted — a looser reading, printed
 * so that the figure is not mistaken for more than it is.
 */
import { isFlagged, measure, FlagQuality, SignalExample } from '../src/answer-quality/answer-quality.calibration';
import { ANSWER_QUALITY_MODEL } from '../src/answer-quality/answer-quality.service';
import { detectSignals } from '../src/answer-quality/answer-signals';
import { CitizenOutcome, readLabelledAnswers } from './spb-feedback';

function line(name: string, q: FlagQuality): string {
  const base = q.positives / q.examples;
  return (
    `${name}: precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} f1 ${q.f1.toFixed(3)} ` +
    `(flagged ${q.flagged} of ${q.examples}, true positives ${q.truePositives} of ${q.positives}; base rate ${base.toFixed(3)}, ` +
    `lift ${(q.precision / base).toFixed(2)}x)`
  );
}

async function main(): Promise<void> {
  const model = ANSWER_QUALITY_MODEL;
  const byOutcome = new Map<CitizenOutcome, { n: number; flagged: number }>();
  const primary: SignalExample[] = [];
  const secondary: SignalExample[] = [];
  for await (const a of readLabelledAnswers()) {
    if (a.split !== 'holdout') continue;
    const signals = detectSignals(a.text);
    const stat = byOutcome.get(a.outcome) ?? { n: 0, flagged: 0 };
    stat.n++;
    if (isFlagged(model, signals)) stat.flagged++;
    byOutcome.set(a.outcome, stat);
    secondary.push({ signals, nonAnswer: a.outcome !== 'accepted' });
    if (a.outcome !== 'unconfirmed') primary.push({ signals, nonAnswer: a.outcome === 'disputed' });
  }
  console.log(`model ${model.version}, threshold ${model.threshold}, held-out split`);
  console.log(line('disputed vs accepted (primary)', measure(model, primary)));
  console.log(line('not accepted vs accepted', measure(model, secondary)));
  for (const [outcome, s] of byOutcome) {
    console.log(`flag rate among ${outcome}: ${(s.flagged / s.n).toFixed(3)} (${s.flagged}/${s.n})`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
