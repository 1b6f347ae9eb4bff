import mongoose from 'mongoose';
import { EventEnvelope, TOPICS } from '@otklik/contracts';
import type { TappedMessage } from '@otklik/messaging';
import type { ChaosWorld } from './chaos-world';
import type { ServiceName } from '../support/stack';

/** One line of the table: a count that must be 0, or one shown for context. */
export interface Count {
  name: string;
  value: number;
  mustBeZero: boolean;
  note?: string;
  /** A few of the keys behind a count that must be 0 and is not, to follow in the logs. */
  examples?: string[];
}

/** What the replay knows it put in. */
export interface Sent {
  /** External id → intake outcome of the last answer for it. */
  intake: Map<string, string>;
  /** External ids of the posts put on the VK wall. */
  vk: Set<string>;
  /** Incident ids the program answered (final answer accepted by desk). */
  answered: Set<string>;
}

type Payload = Record<string, unknown>;
const payload = (m: TappedMessage): Payload => (m.json as EventEnvelope<Payload>).payload;
const eventId = (m: TappedMessage): string => (m.json as EventEnvelope).id;

/** Distinct event ids per key of the messages of one topic. */
function idsBy(messages: TappedMessage[], topic: string, key: (p: Payload) => string | undefined): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const m of messages) {
    if (m.topic !== topic) continue;
    const k = key(payload(m));
    if (k === undefined) continue;
    const ids = found.get(k) ?? new Set<string>();
    ids.add(eventId(m));
    found.set(k, ids);
  }
  return found;
}

const EXAMPLES = 5;

/** Keys of the groups with more than one member. */
function repeated<T>(groups: Map<string, T[] | Set<T>>): string[] {
  return [...groups].filter(([, g]) => (Array.isArray(g) ? g.length : g.size) > 1).map(([key]) => key);
}

/** Copies beyond the first of each group. */
function extra<T>(groups: Map<string, T[] | Set<T>>): number {
  let n = 0;
  for (const g of groups.values()) n += Math.max(0, (Array.isArray(g) ? g.length : g.size) - 1);
  return n;
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** Runs `use` on a service's database of this run (a small pool of its own). */
export async function withDb<T>(world: ChaosWorld, service: ServiceName, use: (db: mongoose.Connection) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(world.stack.mongoUri, { dbName: world.stack.database(service), maxPoolSize: 2, serverSelectionTimeoutMS: 60000 }).asPromise();
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

interface IncidentDoc {
  _id: string;
  postIds: string[];
  state: string;
  agencyId?: string;
  mergedInto?: string;
  number: string;
}
interface ClockDoc {
  _id: string;
  status: string;
  state: { incidentId: string; phase: string; dueAt: number; status: string };
}

/** Every count of the run, from the event log, the services' databases and what the fakes received. */
export async function countEverything(world: ChaosWorld, sent: Sent, messages: TappedMessage[], settledAt: number): Promise<Count[]> {
  const counts: Count[] = [];
  const add = (name: string, value: number, mustBeZero: boolean, note?: string, examples?: string[]) => counts.push({ name, value, mustBeZero, note, examples: examples?.slice(0, EXAMPLES) });

  // ---- posts: in → received → classified or dismissed → an incident
  const received = idsBy(messages, TOPICS.postReceived, (p) => `${p.platform}:${p.externalId}`);
  const postIdOf = new Map<string, string>();
  for (const m of messages) if (m.topic === TOPICS.postReceived) postIdOf.set(`${payload(m).platform}:${payload(m).externalId}`, payload(m).postId as string);
  const accepted = [...sent.intake].filter(([, outcome]) => outcome !== 'filtered').map(([id]) => `intake:${id}`);
  // A VK post the spam filter held back (a text of links, say) is not published on purpose, as the intake's 'filtered' answers say for the others.
  const heldVk = await withDb(world, 'ingest', async (db) =>
    (
      await db
        .collection<{ externalId: string; filterReasons?: string[] }>('posts')
        .find({ platform: 'vk' }, { projection: { externalId: 1, filterReasons: 1 } })
        .toArray()
    )
      .filter((p) => (p.filterReasons ?? []).length > 0)
      .map((p) => p.externalId),
  );
  const held = new Set(heldVk);
  const expected = [...accepted, ...[...sent.vk].filter((id) => !held.has(id)).map((id) => `vk:${id}`)];
  const notReceived = expected.filter((k) => !received.has(k));
  add('posts sent (intake + VK)', sent.intake.size + sent.vk.size, false, `${[...sent.intake.values()].filter((o) => o === 'filtered').length + held.size} filtered by ingest on purpose`);
  add('posts lost before post.received', notReceived.length, true, undefined, notReceived);
  add('posts received twice (distinct event ids)', extra(received), true, undefined, repeated(received));

  const classified = idsBy(messages, TOPICS.incidentClassified, (p) => p.postId as string);
  const dismissed = idsBy(messages, TOPICS.postDismissed, (p) => p.postId as string);
  const receivedPosts = [...received.keys()].map((k) => postIdOf.get(k) as string);
  const noDecision = receivedPosts.filter((id) => !classified.has(id) && !dismissed.has(id));
  add('posts lost by the classifier (neither classified nor dismissed)', noDecision.length, true, undefined, noDecision);
  add('posts classified twice (distinct event ids)', extra(classified) + receivedPosts.filter((id) => classified.has(id) && dismissed.has(id)).length, true);

  const incidents = await withDb(world, 'router', (db) =>
    db
      .collection<IncidentDoc>('incidents')
      .find({}, { projection: { history: 0, candidates: 0, suggestions: 0, decision: 0 } })
      .toArray(),
  );
  const incidentsOfPost = new Map<string, string[]>();
  for (const incident of incidents) {
    if (incident.mergedInto || incident.state === 'merged') continue;
    for (const postId of incident.postIds ?? []) incidentsOfPost.set(postId, [...(incidentsOfPost.get(postId) ?? []), incident._id]);
  }
  const withoutIncident = [...classified.keys()].filter((id) => !incidentsOfPost.has(id));
  add('incidents', incidents.length, false);
  add('classified posts without an incident', withoutIncident.length, true);
  add(
    'duplicate incidents (a post in more than one incident)',
    extra(incidentsOfPost),
    true,
    undefined,
    repeated(incidentsOfPost).map((postId) => `${postId} in ${incidentsOfPost.get(postId)?.join(', ')}`),
  );

  // ---- clocks
  const routed = idsBy(messages, TOPICS.incidentRouted, (p) => p.incidentId as string);
  add('incident.routed published twice (distinct event ids)', extra(routed), true);
  const clocks = await withDb(world, 'sla-tracker', async (db) => {
    const names = (await db.db!.listCollections().toArray()).map((c) => c.name).filter((n) => n.startsWith('clocks_'));
    const all: ClockDoc[] = [];
    for (const name of names) all.push(...(await db.collection<ClockDoc>(name).find({}).toArray()));
    return all;
  });
  const clocked = new Set(clocks.map((c) => c.state?.incidentId ?? c._id));
  const armed = idsBy(messages, TOPICS.slaArmed, (p) => p.incidentId as string);
  const unclocked = [...routed.keys()].filter((id) => !clocked.has(id) || !armed.has(id));
  add('routed incidents without a clock', unclocked.length, true, undefined, unclocked);

  // ---- breaches: every clock phase armed with a deadline that passed unanswered breaches exactly once.
  const breached = idsBy(messages, TOPICS.slaBreached, (p) => `${p.incidentId}|${p.phase}|${p.dueAt}`);
  const met = new Map<string, number>();
  for (const m of messages) if (m.topic === TOPICS.slaMet) met.set(`${payload(m).incidentId}|${payload(m).phase}`, Date.parse(payload(m).answeredAt as string));
  const due = new Set<string>();
  for (const m of messages) {
    if (m.topic !== TOPICS.slaArmed) continue;
    const p = payload(m);
    const dueAt = Date.parse(p.dueAt as string);
    const answeredAt = met.get(`${p.incidentId}|${p.phase}`);
    if (dueAt < settledAt - 30000 && !(answeredAt !== undefined && answeredAt <= dueAt)) due.add(`${p.incidentId}|${p.phase}|${p.dueAt}`);
  }
  add('clocks due during the run', due.size, false);
  add('missed breach events (a due clock without sla.breached)', [...due].filter((k) => !breached.has(k)).length, true);
  add('duplicate breach events (distinct event ids per clock and deadline)', extra(breached), true);
  const breachedClocks = clocks.filter((c) => c.status === 'breached' || c.state?.status === 'breached');
  add('clocks stored as breached without an sla.breached event', breachedClocks.filter((c) => ![...breached.keys()].some((k) => k.startsWith(`${c.state.incidentId}|`))).length, true);

  // ---- notifications: by the provider's idempotency key, and by content under different keys
  const mails = await world.mail.list();
  // A message the catcher kept without a Message-ID counts as its own key.
  const mailBySameKey = group(mails, (m) => `${m.to.join(',')}|${m.messageId ?? m.id}`);
  const mailByContent = group(
    [...mailBySameKey.values()].map((g) => g[0]),
    (m) => `${m.to.join(',')}|${m.subject}|${m.text}`,
  );
  add('e-mails delivered', mails.length, false);
  add('e-mail repeated with the same Message-ID (SMTP has no idempotency)', extra(mailBySameKey), false, 'the relay delivers both; a mail client may fold them by Message-ID');
  add(
    'duplicate e-mail notifications (same content, different Message-ID)',
    extra(mailByContent),
    true,
    undefined,
    repeated(mailByContent).map((key) => key.slice(0, 160)),
  );

  const calls = world.webhook.calls;
  const hookBySameKey = group(calls, (c) => c.idempotencyKey ?? `none:${Math.random()}`);
  const hookByContent = group(
    [...hookBySameKey.values()].map((g) => g[0]),
    (c) => {
      const { eventId: _source, ...data } = (c.body.data ?? {}) as Record<string, unknown>;
      return `${c.body.subject}|${JSON.stringify(data)}`;
    },
  );
  add('webhook calls', calls.length, false);
  add('webhook calls without an Idempotency-Key', calls.filter((c) => !c.idempotencyKey).length, true);
  add('webhook repeated with the same Idempotency-Key', extra(hookBySameKey), false, 'a receiver that honours the key drops them');
  add('duplicate webhook notifications (same content, different key)', extra(hookByContent), true);

  // ---- reply-backs under the citizens' VK posts
  const replies = group(world.vk.posted, (c) => `${c.ownerId}_${c.postId}`);
  const replyCalls = world.vk.calls.filter((c) => c.method === 'wall.createComment');
  const replyGuids = group(replyCalls, (c) => c.params.guid ?? `none:${Math.random()}`);
  add('incidents answered (final answers through desk)', sent.answered.size, false);
  add('reply-backs published under VK posts', world.vk.posted.length, false);
  add('wall.createComment calls repeated with the same guid', extra(replyGuids), false, 'VK keeps one comment per guid');
  const doubled = repeated(replies).map(
    (post) =>
      `wall${post}: ${replies
        .get(post)
        ?.map((c) => JSON.stringify(c.message.slice(0, 60)))
        .join(' | ')}`,
  );
  add('duplicate reply-backs (more than one comment under a post)', extra(replies), true, undefined, doubled);
  const unreplied = await answeredWithoutReply(world, sent, incidents, postIdOf);
  add('answered incidents without a reply under any of their VK posts', unreplied.length, true, undefined, unreplied);
  return counts;
}

interface ReplyDelivery {
  incidentId?: string;
  status: string;
  attempts: number;
  lastError?: string;
  message?: { replyTo?: { externalId?: string } };
}

/**
 * The answered incidents none of whose VK posts got the answer as a comment, each with what the
 * notifier's delivery log says of its VK replies (none queued, or their status and last error).
 */
async function answeredWithoutReply(world: ChaosWorld, sent: Sent, incidents: IncidentDoc[], postIdOf: Map<string, string>): Promise<string[]> {
  const keyOfPost = new Map([...postIdOf].map(([key, postId]) => [postId, key]));
  const commented = new Set(world.vk.posted.map((c) => `vk:${c.ownerId}_${c.postId}`));
  const byId = new Map(incidents.map((i) => [String(i._id), i]));
  const unreplied = [...sent.answered].filter((id) => !(byId.get(id)?.postIds ?? []).some((postId) => commented.has(keyOfPost.get(postId) ?? '')));
  if (unreplied.length === 0) return [];
  const deliveries = await withDb(world, 'notifier', (db) => db.collection<ReplyDelivery>('notifier_deliveries').find({ channel: 'vk' }).toArray());
  return unreplied.map((id) => {
    const incident = byId.get(id);
    const posts = (incident?.postIds ?? []).map((postId) => keyOfPost.get(postId) ?? postId).join(', ');
    const replies = deliveries.filter((d) => d.incidentId === id).map((d) => `${d.message?.replyTo?.externalId ?? '?'} ${d.status} after ${d.attempts}${d.lastError ? ` (${d.lastError})` : ''}`);
    return `${incident?.number ?? id} [${incident?.state ?? 'not in the router'}] posts ${posts}: ${replies.length ? replies.join('; ') : 'no VK reply queued'}`;
  });
}

/** The table as printed. */
export function formatCounts(counts: Count[]): string {
  const width = Math.max(...counts.map((c) => c.name.length));
  const line = (c: Count) => `${c.mustBeZero ? (c.value === 0 ? 'ok  ' : 'FAIL') : '    '}  ${c.name.padEnd(width)}  ${String(c.value).padStart(7)}${c.note ? `  (${c.note})` : ''}`;
  return counts.map((c) => [line(c), ...(c.value > 0 && c.examples?.length ? c.examples.map((e) => `        e.g. ${e}`) : [])].join('\n')).join('\n');
}
