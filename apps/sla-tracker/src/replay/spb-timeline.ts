import { ClockInput } from '../clock/clock.types';
import { ZonedTime } from '../working-time/zoned-time';

/** The fields of one «Наш Санкт-Петербург» appeal record that its timeline needs. */
export interface SpbAppeal {
  id: number;
  submitted_at: string;
  responsible_org: string | null;
  statuses: { at: string; status: string }[];
  answers: { at: string; kind: 'interim' | 'final'; author_org: string | null; interim_date: string | null }[];
  reroutes: { at: string; comment: string }[];
}

/** An appeal replayed as clock inputs, and the organisation it is counted against. */
export interface Timeline {
  incidentId: string;
  organisation: string;
  inputs: ClockInput[];
}

const REVIEW = 'Рассмотрение';
/** Reroute comments name the new controlling organisation: `… контролеру: "<org>" …`. */
const NEW_CONTROLLER = /контролеру: "([^"]+)"/;
const spb = new ZonedTime('Europe/Moscow');

/** The portal's times are St Petersburg wall-clock times without an offset. */
export function spbInstant(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(local);
  if (!m) throw new RangeError(`bad portal time "${local}"`);
  return spb.instant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]) * 60 + Number(m[5]) + Number(m[6]) / 60);
}

/**
 * The appeal's clock inputs: routed when it entered review (after moderation), each re-routing,
 * each answer (interim answers with their promised date). Null when it has no organisation.
 */
export function timelineOf(appeal: SpbAppeal): Timeline | null {
  const organisation = appeal.responsible_org ?? appeal.answers[0]?.author_org;
  if (!organisation) return null;
  const review = appeal.statuses.find((s) => s.status === REVIEW);
  const routedAt = spbInstant(review?.at ?? appeal.submitted_at);
  const firstOrg = appeal.reroutes.length ? `${organisation} (before re-routing)` : organisation;
  const inputs: ClockInput[] = [
    {
      kind: 'routed',
      at: routedAt,
      agencyId: firstOrg,
      topicCode: 'spb',
      urgency: 'normal',
      regime: 'social_post',
      regionCode: '40',
    },
  ];
  const later: ClockInput[] = [];
  appeal.reroutes.forEach((r, i) => {
    const target = NEW_CONTROLLER.exec(r.comment)?.[1];
    const last = i === appeal.reroutes.length - 1;
    later.push({ kind: 'rerouted', at: spbInstant(r.at), agencyId: last ? organisation : (target ?? `${organisation} (re-routing ${i + 1})`) });
  });
  appeal.answers.forEach((a, i) => {
    later.push({
      kind: 'answered',
      at: spbInstant(a.at),
      answerId: `${appeal.id}/${i}`,
      answerKind: a.kind,
      promisedBy: a.interim_date ?? undefined,
    });
  });
  // Facts are applied in time order; a record's own order is not guaranteed.
  later.sort((a, b) => a.at - b.at);
  return { incidentId: String(appeal.id), organisation, inputs: [...inputs, ...later.filter((x) => x.at >= routedAt)] };
}
