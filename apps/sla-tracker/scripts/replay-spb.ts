/**
 * Replays the real timelines of the St Petersburg appeals (<data>/spb-appeals/dev.jsonl.gz)
 * through the clock under a 4- and an 8-working-hour first-answer policy and prints on-time
 * shares per organisation.
 *   npx node -r @swc-node/register apps/sla-tracker/scripts/replay-spb.ts [--min 100]
 */
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ProductionCalendar } from '../src/calendar/production-calendar';
import { ClockEnv } from '../src/clock/clock.types';
import { DEFAULT_POLICIES } from '../src/policies/policies.data';
import { PolicySet } from '../src/policies/policy-set';
import { median, OrganisationScore, scoreOrganisations } from '../src/replay/spb-replay';
import { SpbAppeal, Timeline, timelineOf } from '../src/replay/spb-timeline';
import { sharedDataDir } from '@otklik/config';
import { AgencyClocks } from '../src/working-time/agency-clocks';

const minAppeals = Number(process.argv[process.argv.indexOf('--min') + 1] || 100) || 100;

async function readTimelines(): Promise<Timeline[]> {
  const file = path.join(sharedDataDir(), 'spb-appeals', 'dev.jsonl.gz');
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const out: Timeline[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    const timeline = timelineOf(JSON.parse(line) as SpbAppeal);
    if (timeline) out.push(timeline);
  }
  return out;
}

function envWithFirstAnswer(hours: number): ClockEnv {
  const general = DEFAULT_POLICIES.find((p) => p.id === 'social-post');
  if (!general) throw new Error('social-post policy missing');
  const policies = new PolicySet([{ ...general, id: `replay-${hours}h`, firstAnswer: { amount: hours, unit: 'hours' } }]);
  const clocks = new AgencyClocks(new ProductionCalendar());
  return { policies, clockFor: (agency, region, rtc) => clocks.clockFor(agency, region, rtc) };
}

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');
const hrs = (minutes: number) => (Number.isFinite(minutes) ? (minutes / 60).toFixed(1) : '—');

function total(name: string, scores: OrganisationScore[]): OrganisationScore {
  return scores.reduce(
    (sum, s) => ({
      ...sum,
      appeals: sum.appeals + s.appeals,
      answered: sum.answered + s.answered,
      firstOnTime: sum.firstOnTime + s.firstOnTime,
      minutesToFirst: sum.minutesToFirst.concat(s.minutesToFirst),
      promises: sum.promises + s.promises,
      promisesKept: sum.promisesKept + s.promisesKept,
    }),
    { organisation: name, appeals: 0, answered: 0, firstOnTime: 0, minutesToFirst: [], promises: 0, promisesKept: 0 },
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const timelines = await readTimelines();
  const four = scoreOrganisations(timelines, envWithFirstAnswer(4));
  const eight = scoreOrganisations(timelines, envWithFirstAnswer(8));
  const orgs = [...four.values()].sort((a, b) => b.appeals - a.appeals);
  const shown = orgs.filter((o) => o.appeals >= minAppeals);
  const rest = orgs.filter((o) => o.appeals < minAppeals);
  const rows = [...shown.map((o) => o.organisation)];
  const line = (s4: OrganisationScore, s8: OrganisationScore) =>
    [
      s4.organisation.slice(0, 60).padEnd(60),
      String(s4.appeals).padStart(6),
      pct(s4.answered, s4.appeals).padStart(7),
      pct(s4.firstOnTime, s4.appeals).padStart(7),
      pct(s8.firstOnTime, s8.appeals).padStart(7),
      hrs(median(s4.minutesToFirst)).padStart(8),
      pct(s4.promisesKept, s4.promises).padStart(8),
    ].join(' ');
  console.log(`SPb appeals replayed: ${timelines.length} timelines, ${orgs.length} organisations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log("on-time = first answer (interim or final) within the policy's working hours, counted from entering review;");
  console.log("median = working hours to the first answer; promise kept = final answer by the interim answer's date\n");
  console.log(['organisation'.padEnd(60), 'appeals'.padStart(6), 'answ.'.padStart(7), '4 h'.padStart(7), '8 h'.padStart(7), 'median h'.padStart(8), 'promise'.padStart(8)].join(' '));
  for (const org of rows) {
    const s4 = four.get(org);
    const s8 = eight.get(org);
    if (s4 && s8) console.log(line(s4, s8));
  }
  const restNames = new Set(rest.map((o) => o.organisation));
  const pick = (m: Map<string, OrganisationScore>, names: (n: string) => boolean) => [...m.values()].filter((s) => names(s.organisation));
  if (rest.length) {
    const label = `${rest.length} smaller organisations (< ${minAppeals} appeals)`;
    console.log(
      line(
        total(
          label,
          pick(four, (n) => restNames.has(n)),
        ),
        total(
          label,
          pick(eight, (n) => restNames.has(n)),
        ),
      ),
    );
  }
  console.log(line(total('ALL', [...four.values()]), total('ALL', [...eight.values()])));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
