import type { LabelledText } from './labelled-text';

/** Which part of the data a text serves. */
export type SplitPart = 'train' | 'calibration' | 'heldOut';

/**
 * The split used for a model, recorded in its artifact so that `eval` scores exactly the texts
 * training never saw. SPb is split by submission time (the latest weeks are held out, the weeks
 * before them calibrate confidences); Kursk has no dates, so it is split by its ascending ids.
 */
export interface SplitPlan {
  readonly spb: { readonly calibrationFrom: string; readonly heldOutFrom: string };
  readonly kursk: { readonly calibrationFromId: number; readonly heldOutFromId: number };
}

export interface SplitOptions {
  readonly spbHeldOutDays: number;
  readonly spbCalibrationDays: number;
  /** Fractions of Kursk ids (from the top) held out and used for calibration. */
  readonly kurskHeldOutShare: number;
  readonly kurskCalibrationShare: number;
}

const DAY_MS = 86_400_000;

/** The day (`YYYY-MM-DD`) `days` days after `day`; negative goes back. */
export function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Chooses the cut points of a split for the given texts. */
export function planSplit(texts: readonly LabelledText[], options: SplitOptions): SplitPlan {
  const latest = texts.reduce((max, t) => (t.source === 'spb' && t.submittedAt && t.submittedAt > max ? t.submittedAt : max), '');
  const heldOutFrom = latest ? shiftDays(latest.slice(0, 10), -options.spbHeldOutDays) : '9999-12-31';
  const calibrationFrom = latest ? shiftDays(heldOutFrom, -options.spbCalibrationDays) : '9999-12-31';
  const ids = texts
    .filter((t) => t.source === 'kursk')
    .map((t) => Number(t.id))
    .sort((a, b) => a - b);
  const at = (share: number) => (ids.length ? ids[Math.min(ids.length - 1, Math.floor(ids.length * (1 - share)))] : Infinity);
  return {
    spb: { calibrationFrom, heldOutFrom },
    kursk: { calibrationFromId: at(options.kurskHeldOutShare + options.kurskCalibrationShare), heldOutFromId: at(options.kurskHeldOutShare) },
  };
}

/** The part a text belongs to under `plan`; operator corrections always train. */
export function partOf(text: LabelledText, plan: SplitPlan): SplitPart {
  if (text.source === 'spb') {
    const day = (text.submittedAt ?? '').slice(0, 10);
    if (day >= plan.spb.heldOutFrom) return 'heldOut';
    return day >= plan.spb.calibrationFrom ? 'calibration' : 'train';
  }
  if (text.source === 'kursk') {
    const id = Number(text.id);
    if (id >= plan.kursk.heldOutFromId) return 'heldOut';
    return id >= plan.kursk.calibrationFromId ? 'calibration' : 'train';
  }
  return 'train';
}
