import { SUPERSEDED_TOPICS, TOPICS } from '@otklik/contracts';
import { armed, breached, classified, Fixture, fixture, met, minutes, paused, postReceived, resumed, routed } from '../testing/event-fixtures';
import { queryTokens } from '../search/search-tokens';
import { incidentKeysOf, postKeyOf } from './event-keys';
import { enrichIncident, nextDueAt } from './incident.enrich';
import { reduceIncident } from './incident.reducer';
import { reducePost } from './post.reducer';
import { currentTimeline, TimelineEntry, toTimelineEntry, withEntry } from './timeline-entry';

const T0 = new Date('2026-03-02T07:00:00Z');
const entry = (f: Fixture): TimelineEntry => toTimelineEntry(f.topic, f.envelope);
const fold = (fixtures: Fixture[]): TimelineEntry[] => fixtures.map(entry).reduce<TimelineEntry[]>((timeline, e) => withEntry(timeline, e) ?? timeline, []);
const actor = { userId: 'u-agency', role: 'agency' as const, agencyId: 'gzhi' };

function lifecycle(): Fixture[] {
  const due = minutes(T0, 240);
  return [
    routed('1', ['p1'], 'gzhi', T0),
    armed('1', 'gzhi', due, minutes(T0, 1)),
    fixture(TOPICS.incidentAcknowledged, { incidentId: '1', agencyId: 'gzhi', actor, acknowledgedAt: minutes(T0, 10).toISOString() }, minutes(T0, 10)),
    fixture(
      TOPICS.agencyAnswered,
      {
        answerId: 'a1',
        incidentId: '1',
        agencyId: 'gzhi',
        kind: 'final',
        text: 'Отопление включено',
        photos: [],
        actor,
        answeredAt: minutes(T0, 60).toISOString(),
      },
      minutes(T0, 60),
    ),
    met('1', 'gzhi', due, minutes(T0, 61)),
  ];
}

describe('incident reducer', () => {
  it('follows an incident from routing to a final answer that stops the clock', () => {
    const incident = reduceIncident('1', fold(lifecycle()));
    expect(incident.state).toBe('answered');
    expect(incident.agencyId).toBe('gzhi');
    expect(incident.routing?.explanation).toContain('правило 12');
    expect(incident.acknowledgedAt).toBe(minutes(T0, 10).toISOString());
    expect(incident.answers).toEqual([expect.objectContaining({ answerId: 'a1', kind: 'final', text: 'Отопление включено' })]);
    expect(incident.clocks).toEqual([expect.objectContaining({ phase: 'first_answer', status: 'met', onTime: true })]);
  });

  it('gives the same view whatever order the events arrive in', () => {
    const events = lifecycle();
    const inOrder = reduceIncident('1', fold(events));
    const shuffled = reduceIncident('1', fold([...events].reverse()));
    expect(shuffled).toEqual(inOrder);
  });

  it('folds a timeline stored before the v2 events (Kafka topic `.v1`, taxonomy code `topic`) as it folds a current one', () => {
    const current = fold(lifecycle());
    // As desk kept them before the upgrade: the superseded topics' names and payloads.
    const stored = current.map((e) => {
      const old = e.topic.replace(/\.v2$/, '.v1');
      return old === e.topic || !(old in SUPERSEDED_TOPICS)
        ? e
        : ({ ...e, topic: old, payload: JSON.parse(JSON.stringify(e.payload).replace(/"topicCode":/g, '"topic":')) } as unknown as TimelineEntry);
    });
    expect(stored.filter((e) => e.topic.endsWith('.v1') && 'topic' in e.payload)).not.toHaveLength(0);

    const upgraded = currentTimeline(stored) ?? [];

    expect(upgraded).toEqual(current);
    expect(reduceIncident('1', upgraded)).toEqual(reduceIncident('1', current));
    expect(reduceIncident('1', upgraded).topicCode).toBe('housing.heating');
  });

  it('keeps an event delivered twice once', () => {
    const [first] = lifecycle().map(entry);
    const once = withEntry([], first as TimelineEntry) ?? [];
    expect(withEntry(once, first as TimelineEntry)).toBeUndefined();
  });

  it('supersedes the old clock when a reroute arms a new one, keeping its breach', () => {
    const due = minutes(T0, 240);
    const incident = reduceIncident(
      '1',
      fold([
        routed('1', ['p1'], 'gzhi', T0),
        armed('1', 'gzhi', due, minutes(T0, 1)),
        breached('1', 'gzhi', due, minutes(T0, 241)),
        fixture(TOPICS.incidentRerouted, { ...routed('1', ['p1'], 'vodokanal', T0).envelope.payload, previousAgencyId: 'gzhi', rerouteCount: 1 }, minutes(T0, 250)),
        armed('1', 'vodokanal', minutes(T0, 600), minutes(T0, 251)),
      ]),
    );
    expect(incident.state).toBe('rerouted');
    expect(incident.agencyId).toBe('vodokanal');
    expect(incident.clocks.map((c) => [c.agencyId, c.status])).toEqual([
      ['gzhi', 'superseded'],
      ['vodokanal', 'running'],
    ]);
    expect(incident.clocks[0]?.breachedAt).toBeDefined();
  });

  it("lets an operator's correction outrank the topic the router copied", () => {
    const incident = reduceIncident(
      '1',
      fold([
        routed('1', ['p1'], 'gzhi', T0),
        fixture(TOPICS.classificationCorrected, { postId: 'p1', incidentId: '1', topicCode: 'housing.water_supply', correctedBy: 'op1' }, minutes(T0, 5)),
        fixture(TOPICS.incidentRerouted, { ...routed('1', ['p1'], 'vodokanal', T0).envelope.payload, previousAgencyId: 'gzhi', rerouteCount: 1 }, minutes(T0, 6)),
      ]),
    );
    expect(incident.topicCode).toBe('housing.water_supply');
    expect(incident.correctedAt).toBe(minutes(T0, 5).toISOString());
  });

  it('shows a clarification asked at once, keeps it while the router confirms and the agency takes the incident, and drops it when it comes', () => {
    const change = (at: Date, from: 'routed' | 'acknowledged', to: 'routed' | 'acknowledged', reasonCode?: 'awaiting_clarification' | 'clarification_received') =>
      fixture(TOPICS.incidentStateChanged, { incidentId: '1', number: 'n1', from, to, actor: 'op1', changedAt: at.toISOString(), ...(reasonCode && { reasonCode }) }, at);
    const asked = fixture(
      TOPICS.operatorActionRequested,
      {
        incidentId: '1',
        action: 'request_clarification',
        reason: 'Уточните номер дома',
        actor,
        requestedAt: minutes(T0, 5).toISOString(),
      },
      minutes(T0, 5),
    );
    const waiting = [routed('1', ['p1'], 'gzhi', T0), asked];
    expect(reduceIncident('1', fold(waiting)).clarification).toEqual({ requestedAt: minutes(T0, 5).toISOString(), reason: 'Уточните номер дома' });
    const confirmed = [...waiting, change(minutes(T0, 6), 'routed', 'routed', 'awaiting_clarification'), change(minutes(T0, 9), 'routed', 'acknowledged', 'awaiting_clarification')];
    expect(reduceIncident('1', fold(confirmed))).toMatchObject({ state: 'acknowledged', clarification: { requestedAt: minutes(T0, 5).toISOString() } });
    expect(reduceIncident('1', fold([...confirmed, change(minutes(T0, 90), 'acknowledged', 'acknowledged', 'clarification_received')])).clarification).toBeUndefined();
  });

  it('never moves a dismissed incident back because of a late acknowledgement', () => {
    const incident = reduceIncident(
      '1',
      fold([
        routed('1', ['p1'], 'gzhi', T0),
        fixture(TOPICS.incidentStateChanged, { incidentId: '1', number: 'n1', from: 'routed', to: 'dismissed', actor: 'op1', changedAt: minutes(T0, 5).toISOString() }, minutes(T0, 5)),
        fixture(TOPICS.incidentAcknowledged, { incidentId: '1', agencyId: 'gzhi', actor, acknowledgedAt: minutes(T0, 6).toISOString() }, minutes(T0, 6)),
      ]),
    );
    expect(incident.state).toBe('dismissed');
  });

  it('reopens a met clock and the agency owes an answer again after a formal non-answer', () => {
    const due = minutes(T0, 240);
    const incident = reduceIncident(
      '1',
      fold([
        ...lifecycle(),
        fixture(
          TOPICS.slaReopened,
          {
            incidentId: '1',
            agencyId: 'gzhi',
            topicCode: 'housing.heating',
            policy: 'social-post@1',
            phase: 'first_answer',
            dueAt: minutes(T0, 300).toISOString(),
            reason: 'отписка',
            answerId: 'a1',
          },
          minutes(T0, 70),
        ),
      ]),
    );
    expect(incident.state).toBe('acknowledged');
    expect(incident.clocks[0]).toEqual(expect.objectContaining({ status: 'running', dueAt: minutes(T0, 300).toISOString() }));
    expect(due < minutes(T0, 300)).toBe(true);
  });

  it('shows a paused clock with since when and why, and no deadline to be overdue against', () => {
    const incident = reduceIncident('1', fold([routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', minutes(T0, 240), minutes(T0, 1)), paused('1', 'gzhi', minutes(T0, 61))]));
    expect(incident.clocks[0]).toMatchObject({
      status: 'paused',
      pause: { since: minutes(T0, 61).toISOString(), reason: 'awaiting_clarification', resumesAs: 'running', usedWorkingMinutes: 60 },
    });
    expect(nextDueAt(incident)).toBeUndefined();
  });

  it('shows the new deadline once a paused clock resumes', () => {
    const moved = minutes(T0, 240 + 24 * 60);
    const incident = reduceIncident(
      '1',
      fold([routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', minutes(T0, 240), minutes(T0, 1)), paused('1', 'gzhi', minutes(T0, 61)), resumed('1', 'gzhi', moved, minutes(T0, 61 + 24 * 60))]),
    );
    expect(incident.clocks).toEqual([expect.objectContaining({ status: 'running', dueAt: moved.toISOString() })]);
    expect(incident.clocks[0]?.pause).toBeUndefined();
    expect(nextDueAt(incident)).toBe(moved.toISOString());
  });

  it('keeps a clock paused after its breach out of the overdue deadlines, and breached again when it resumes', () => {
    const due = minutes(T0, 240);
    const timeline = [routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', due, minutes(T0, 1)), breached('1', 'gzhi', due, minutes(T0, 240)), paused('1', 'gzhi', minutes(T0, 300), 'returned', 250)];
    const waiting = reduceIncident('1', fold(timeline));
    expect(waiting.clocks[0]).toMatchObject({ status: 'paused', breachedAt: due.toISOString(), pause: { reason: 'returned', resumesAs: 'breached' } });
    expect(nextDueAt(waiting)).toBeUndefined();
    const back = reduceIncident('1', fold([...timeline, resumed('1', 'gzhi', due, minutes(T0, 400))]));
    expect(back.clocks[0]).toMatchObject({ status: 'breached', dueAt: due.toISOString() });
    expect(nextDueAt(back)).toBe(due.toISOString());
  });

  it('stops a paused clock that an answer meets and forgets the pause', () => {
    const due = minutes(T0, 240);
    const incident = reduceIncident(
      '1',
      fold([
        routed('1', ['p1'], 'gzhi', T0),
        armed('1', 'gzhi', due, minutes(T0, 1)),
        paused('1', 'gzhi', minutes(T0, 30)),
        met('1', 'gzhi', due, minutes(T0, 90)),
        resumed('1', 'gzhi', minutes(T0, 500), minutes(T0, 95)),
      ]),
    );
    expect(incident.clocks[0]).toMatchObject({ status: 'met', dueAt: due.toISOString() });
    expect(incident.clocks[0]?.pause).toBeUndefined();
  });

  it('marks answers published to citizens and flagged as formal non-answers', () => {
    const incident = reduceIncident(
      '1',
      fold([
        ...lifecycle(),
        fixture(TOPICS.replyPublished, { incidentId: '1', answerId: 'a1', postId: 'p1', platform: 'vk', externalReplyId: 'c9', publishedAt: minutes(T0, 62).toISOString() }, minutes(T0, 62)),
        fixture(TOPICS.answerFlagged, { incidentId: '1', answerId: 'a1', agencyId: 'gzhi', scorePercent: 80, reasons: ['no-date'], held: false }, minutes(T0, 63)),
      ]),
    );
    expect(incident.answers[0]?.published).toEqual([expect.objectContaining({ platform: 'vk', externalReplyId: 'c9' })]);
    expect(incident.answers[0]?.flagged).toEqual({ scorePercent: 80, reasons: ['no-date'], held: false });
  });
});

describe('incident enrichment', () => {
  const options = { lowConfidence: 0.6, topicNames: (code: string) => (code === 'housing.heating' ? ['ЖКХ', 'Отопление'] : []) };
  const post = reducePost('p1', fold([postReceived('p1', 'В доме нет отопления, батареи холодные', T0), classified('p1', 'housing.heating', 0.42, minutes(T0, 1))]));

  it('sends a low-confidence classification to review until an operator corrects it', () => {
    const core = reduceIncident('1', fold([routed('1', ['p1'], 'gzhi', T0)]));
    expect(enrichIncident(core, [post], options).reviewNeeded).toBe(true);
    const corrected = reduceIncident(
      '1',
      fold([routed('1', ['p1'], 'gzhi', T0), fixture(TOPICS.classificationCorrected, { postId: 'p1', incidentId: '1', topicCode: 'housing.heating', correctedBy: 'op1' }, minutes(T0, 5))]),
    );
    expect(enrichIncident(corrected, [post], options).reviewNeeded).toBe(false);
  });

  it("indexes the post text, the place and the topic's Russian names for search", () => {
    const view = enrichIncident(reduceIncident('1', fold([routed('1', ['p1'], 'gzhi', T0)])), [post], options);
    const wanted = queryTokens('отопление батареи Невский ЖКХ');
    expect(wanted).toHaveLength(4);
    expect(view.searchTokens).toEqual(expect.arrayContaining([...wanted, '78-2026-000001']));
    expect(view.summary).toBe('В доме нет отопления, батареи холодные');
    expect(view.geo).toEqual({ lat: 59.88, lon: 30.45 });
  });

  it('puts the earliest open deadline first and none once the clock is met', () => {
    const due = minutes(T0, 240);
    const running = enrichIncident(reduceIncident('1', fold([routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', due, T0)])), [post], options);
    expect(running.nextDueAt).toBe(due.toISOString());
    expect(running.dueOrder).toBe(due.toISOString());
    const done = enrichIncident(reduceIncident('1', fold(lifecycle())), [post], options);
    expect(done.nextDueAt).toBeUndefined();
    expect(done.dueOrder > '9').toBe(true);
    expect(done.open).toBe(false);
  });
});

describe('which timelines an event joins', () => {
  it('puts a merge request in both incidents, a post event in none, a correction in its incident', () => {
    const merge = entry(
      fixture(
        TOPICS.operatorActionRequested,
        {
          incidentId: '1',
          action: 'merge',
          targetIncidentId: '2',
          reason: 'тот же адрес',
          actor: { userId: 'op', role: 'operator' },
          requestedAt: T0.toISOString(),
        },
        T0,
      ),
    );
    expect(incidentKeysOf(merge)).toEqual(['1', '2']);
    const post = entry(postReceived('p9', 'текст', T0));
    expect([incidentKeysOf(post), postKeyOf(post)]).toEqual([[], 'p9']);
    const correction = entry(fixture(TOPICS.classificationCorrected, { postId: 'p9', incidentId: '7', urgency: 'high', correctedBy: 'op' }, T0));
    expect([incidentKeysOf(correction), postKeyOf(correction)]).toEqual([['7'], 'p9']);
    const notice = entry(fixture(TOPICS.notificationSent, { sourceEventId: 'e', recipient: 'gzhi', channel: 'email', attempts: 1, sentAt: T0.toISOString() }, T0));
    expect(incidentKeysOf(notice)).toEqual([]);
  });
});
