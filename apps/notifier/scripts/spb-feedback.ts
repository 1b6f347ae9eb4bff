/**
 * Reads the St Petersburg appeals (OTKLIK_DATA_DIR/spb-appeals/dev.jsonl.gz) and turns the
 * citizens' reaction to each final answer into a label for the answer-quality check.
 *
 * The portal records the citizen's verdict in the status history: «Завершено: Пользователь
 * удовлетворен решением проблемы» (accepted), a return to «Модерация»/«Рассмотрение» after
 * «Получен ответ» (disputed: the citizen rejected the answer and the appeal was reopened), or
 * «Завершено: Автоматически» (no reaction before the portal closed it). `citizen_feedback` holds a
 * handful of free-text comments only, so the status history is the feedback that counts.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sharedDataDir } from '@otklik/config';

export type CitizenOutcome = 'accepted' | 'disputed' | 'unconfirmed';

/** One final answer with what the citizen did about it. */
export interface LabelledAnswer {
  appealId: number;
  text: string;
  outcome: CitizenOutcome;
  /** calibration or held-out, fixed by a hash of the appeal id. */
  split: 'calibration' | 'holdout';
}

interface RawAppeal {
  id: number;
  answers: { kind: string; text: string | null }[];
  statuses: { status: string }[];
}

const ANSWERED = 'Получен ответ';
const REOPENED = new Set(['Модерация', 'Рассмотрение']);

/** Share of appeals held out for evaluation. */
export const HOLDOUT_SHARE = 0.3;

/** Deterministic split: the same appeal always lands on the same side. */
export function splitOf(appealId: number): LabelledAnswer['split'] {
  const h = createHash('sha256').update(`otklik-answer-quality:${appealId}`).digest().readUInt32BE(0);
  return h / 0x100000000 < HOLDOUT_SHARE ? 'holdout' : 'calibration';
}

function outcomeOf(statuses: string[]): { outcome: CitizenOutcome; disputedFirst: boolean } | undefined {
  const disputed = statuses.some((s, i) => s === ANSWERED && REOPENED.has(statuses[i + 1] ?? ''));
  if (disputed) return { outcome: 'disputed', disputedFirst: true };
  const last = statuses[statuses.length - 1] ?? '';
  if (last.startsWith('Завершено: Пользователь удовлетворен')) return { outcome: 'accepted', disputedFirst: false };
  if (last.startsWith('Завершено: Автоматически')) return { outcome: 'unconfirmed', disputedFirst: false };
  return undefined;
}

/** Every final answer the citizen reacted to (or let lapse), streamed from the gzip file. */
export async function* readLabelledAnswers(file = path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz')): AsyncGenerator<LabelledAnswer> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const appeal = JSON.parse(line) as RawAppeal;
    const finals = appeal.answers.filter((a) => a.kind === 'final' && a.text);
    const verdict = outcomeOf(appeal.statuses.map((s) => s.status));
    if (!finals.length || !verdict) continue;
    // A dispute refers to the first final answer (the one rejected); otherwise to the last one.
    const answer = verdict.disputedFirst ? finals[0] : finals[finals.length - 1];
    if (!answer?.text) continue;
    yield { appealId: appeal.id, text: answer.text, outcome: verdict.outcome, split: splitOf(appeal.id) };
  }
}
