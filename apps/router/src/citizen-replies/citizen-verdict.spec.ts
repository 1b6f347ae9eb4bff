import { PostThreadRef, TOPICS } from '@otklik/contracts';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';
import { CitizenVerdict, CitizenVerdictService } from './citizen-verdict.service';
import { ReplyThreadsService } from './reply-threads.service';
import { MemoryThreadIndex } from '../testing/memory-thread-index';

const T0 = new Date('2026-01-20T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const WALL_POST: PostThreadRef = { platform: 'vk', externalId: '-100_5', authorPseudonym: 'citizen-1' };

/** A routed incident of a VK wall post, answered at T0+30 min, the answer published as comment 901. */
async function answeredIncident() {
  const w = world();
  const index = new MemoryThreadIndex();
  const threads = new ReplyThreadsService(w.store, index);
  const verdicts = new CitizenVerdictService(w.store, threads);
  const { incident } = await w.intake.intake(post({ postId: 'p1', at: T0 }), CAUSE);
  await threads.rememberPost(incident.id, 'p1', WALL_POST, T0);
  const answer = (at: Date) => w.feedback.answer({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'agency:u1', kind: 'final', at }, CAUSE);
  await answer(later(30));
  await threads.rememberReply({ incidentId: incident.id, answerId: 'a1', postId: 'p1', platform: 'vk', externalReplyId: '901', publishedAt: later(31).toISOString() });
  return { w, index, threads, verdicts, incident, answer };
}

function verdict(extra: Partial<CitizenVerdict> & Pick<CitizenVerdict, 'verdict'>, origin: Partial<PostThreadRef> = {}): CitizenVerdict {
  return {
    postId: 'reply-1',
    confidence: 0.9,
    text: 'Ничего не сделано',
    postedAt: later(60),
    at: later(61),
    ...extra,
    origin: { platform: 'vk', externalId: '-100_5_c950', authorPseudonym: 'citizen-1', replyTo: '-100_5_c901', threadId: '-100_5', ...origin },
  };
}

describe("the citizen's verdict on an answer", () => {
  it('reopens a disputed answer: the agency holds the incident again, and the change says the citizen disputed it', async () => {
    const { w, verdicts, incident } = await answeredIncident();
    const result = await verdicts.apply(verdict({ verdict: 'disputed' }), CAUSE);
    expect(result).toMatchObject({ applied: true, incident: { state: 'acknowledged', agencyId: 'zha-nevsky' } });
    if (!result.applied) throw new Error(result.reason);
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged]);
    expect(result.events[0]?.envelope.payload).toMatchObject({
      incidentId: incident.id,
      from: 'answered',
      to: 'acknowledged',
      reasonCode: 'citizen_disputed',
      agencyId: 'zha-nevsky',
      actor: 'citizen:citizen-1',
      reason: 'гражданин оспорил ответ: «Ничего не сделано»',
    });
    expect(w.store.outbox.get(incident.id)?.at(-1)?.topic).toBe(TOPICS.incidentStateChanged);
  });

  it('closes a confirmed answer, found through the thread when the reply names no published answer', async () => {
    const { verdicts } = await answeredIncident();
    const result = await verdicts.apply(verdict({ verdict: 'confirmed', text: 'Спасибо, сделали' }, { replyTo: undefined }), CAUSE);
    expect(result).toMatchObject({ applied: true, incident: { state: 'closed' } });
    expect(result.applied && result.events[0]?.envelope.payload).toMatchObject({ from: 'answered', to: 'closed', reasonCode: 'citizen_confirmed' });
  });

  it('takes a second verdict after the agency answers again, and ignores a redelivered one', async () => {
    const { verdicts, answer } = await answeredIncident();
    const dispute = verdict({ verdict: 'disputed' });
    await verdicts.apply(dispute, CAUSE);
    expect(await verdicts.apply(dispute, CAUSE)).toMatchObject({ applied: false, reason: 'incident 78-2026-000001 is acknowledged, not answered' });
    await answer(later(120));
    const confirmed = await verdicts.apply(verdict({ verdict: 'confirmed', postedAt: later(130), at: later(131) }), CAUSE);
    expect(confirmed).toMatchObject({ applied: true, incident: { state: 'closed' } });
  });

  it("ignores the verdict of someone who wrote none of the incident's posts", async () => {
    const { verdicts } = await answeredIncident();
    const result = await verdicts.apply(verdict({ verdict: 'confirmed' }, { authorPseudonym: 'neighbour' }), CAUSE);
    expect(result).toEqual({ applied: false, reason: "the reply's author wrote none of incident 78-2026-000001's posts" });
  });

  it("ignores a reply written before the answer, an unsure one, and one in no incident's thread", async () => {
    const { verdicts } = await answeredIncident();
    expect(await verdicts.apply(verdict({ verdict: 'disputed', postedAt: later(20) }), CAUSE)).toMatchObject({ applied: false, reason: expect.stringContaining('before the answer') });
    expect(await verdicts.apply(verdict({ verdict: 'confirmed', confidence: 0.5 }), CAUSE)).toMatchObject({ applied: false, reason: expect.stringContaining('confidence 0.5') });
    expect(await verdicts.apply(verdict({ verdict: 'disputed' }, { replyTo: '-100_7_c1', threadId: '-100_7' }), CAUSE)).toMatchObject({
      applied: false,
      reason: expect.stringContaining('no incident'),
    });
  });

  it('leaves an incident that is not answered as it is', async () => {
    const w = world();
    const threads = new ReplyThreadsService(w.store, new MemoryThreadIndex());
    const { incident } = await w.intake.intake(post({ postId: 'p1', at: T0 }), CAUSE);
    await threads.rememberPost(incident.id, 'p1', WALL_POST, T0);
    const result = await new CitizenVerdictService(w.store, threads).apply(verdict({ verdict: 'confirmed' }), CAUSE);
    expect(result).toEqual({ applied: false, reason: 'incident 78-2026-000001 is routed, not answered' });
  });
});

describe('threads of incidents', () => {
  it("joins a classified reply in an open incident's thread to the incident, once", async () => {
    const { threads, incident } = await answeredIncident();
    const reply = post({ postId: 'reply-2', text: 'До сих пор не убрали', place: undefined, at: later(60) });
    const origin: PostThreadRef = { platform: 'vk', externalId: '-100_5_c951', authorPseudonym: 'citizen-1', replyTo: '-100_5', threadId: '-100_5' };
    const linked = await threads.linkIntoThread(reply, origin, CAUSE);
    expect(linked).toMatchObject({ outcome: 'linked', incident: { id: incident.id, postIds: ['p1', 'reply-2'] } });
    expect(linked?.events.map((e) => e.topic)).toEqual([TOPICS.incidentPostAttached]);
    expect(await threads.linkIntoThread(reply, origin, CAUSE)).toMatchObject({ outcome: 'known', events: [] });
  });

  it("leaves a reply to a closed incident, or in nobody's thread, to intake", async () => {
    const { threads, verdicts } = await answeredIncident();
    await verdicts.apply(verdict({ verdict: 'confirmed' }), CAUSE);
    const origin: PostThreadRef = { platform: 'vk', externalId: '-100_5_c952', authorPseudonym: 'citizen-1', threadId: '-100_5' };
    expect(await threads.linkIntoThread(post({ postId: 'reply-3' }), origin, CAUSE)).toBeUndefined();
    expect(await threads.linkIntoThread(post({ postId: 'reply-4' }), { ...origin, threadId: '-100_8' }, CAUSE)).toBeUndefined();
  });

  it('files an answer published in Telegram under the id ingest gives a reply to it', async () => {
    const w = world();
    const index = new MemoryThreadIndex();
    const threads = new ReplyThreadsService(w.store, index);
    await threads.rememberPost('inc-9', 'tg-post', { platform: 'telegram', externalId: '-100200_31', authorPseudonym: 'citizen-2' }, T0);
    expect(await threads.rememberReply({ incidentId: 'inc-9', answerId: 'a', postId: 'tg-post', platform: 'telegram', externalReplyId: '77', publishedAt: T0.toISOString() })).toBe(true);
    expect(index.entries.get('telegram:-100200_77')).toMatchObject({ incidentId: 'inc-9', kind: 'reply' });
    expect(await threads.rememberReply({ incidentId: 'inc-9', answerId: 'a', postId: 'unknown', platform: 'vk', externalReplyId: '1', publishedAt: T0.toISOString() })).toBe(false);
  });
});
