/**
 * Routing speed: decisions per second of the routing engine (seeds + learned artifact) on real
 * SPb appeals, and incidents per second through intake (numbering, grouping, routing, surge) on
 * in-memory stores — the domain's own cost, without the database and broker.
 *
 *   nx run router:bench   (or npx node -r @swc-node/register apps/router/bench/routing.bench.ts)
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadHistoryArtifact } from '../src/history/history-artifact';
import { loadSpbAppeals } from '../src/history/spb-appeals.reader';
import { spbSourceLabel, spbTopics, spbTerritoryOf } from '../src/history/spb-training';
import { buildRoutingEngine } from '../src/routing/routing-snapshot';
import { RoutingInput } from '../src/routing/routing.model';
import { loadSeedData } from '../src/routing/seed-data';
import { sharedDataDir } from '@otklik/config';
import { world } from '../src/testing/world';

async function main(): Promise<void> {
  const t0 = performance.now();
  const engine = buildRoutingEngine({ ...loadSeedData(), history: loadHistoryArtifact() });
  console.log(`engine built from seeds and artifact in ${(performance.now() - t0).toFixed(0)} ms (${engine.agencies.size} agencies, ${engine.agencies.territories.size} territories)`);
  const topics = spbTopics();
  const appeals = (await loadSpbAppeals(path.join(sharedDataDir(), 'spb-appeals/dev.jsonl.gz'))).slice(-5000);
  const inputs: RoutingInput[] = appeals.flatMap((a) => {
    const topicCode = topics.spbTopic(a.category, a.reason);
    const territoryCode = spbTerritoryOf(a, engine.agencies);
    return topicCode && territoryCode ? [{ topicCode, topicConfidence: 0.9, sourceLabels: [spbSourceLabel(a)], territoryCode, text: a.text, urgency: 'normal' as const, at: a.submittedAt }] : [];
  });
  for (const input of inputs.slice(0, 500)) engine.decide(input);
  const rounds = 3;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const input of inputs) engine.decide(input);
  const perDecision = (performance.now() - start) / (rounds * inputs.length);
  console.log(`routing decisions: ${(1000 / perDecision).toFixed(0)}/s (${(perDecision * 1000).toFixed(1)} µs each, ${rounds * inputs.length} decisions)`);

  const w = world(engine);
  const cause = { correlationId: 'bench' };
  const intakeStart = performance.now();
  let n = 0;
  for (const input of inputs.slice(0, 2000)) {
    await w.intake.intake(
      { postId: `bench-${n++}`, topicCode: input.topicCode, topicConfidence: 0.9, urgency: 'normal', place: { territoryCode: input.territoryCode }, text: input.text, at: input.at },
      cause,
    );
  }
  const perIntake = (performance.now() - intakeStart) / n;
  console.log(`intake (number, group, route, surge; in-memory stores): ${(1000 / perIntake).toFixed(0)} incidents/s (${perIntake.toFixed(2)} ms each, ${n} posts)`);
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
