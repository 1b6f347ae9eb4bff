import { TOPICS } from '@otklik/contracts';
import { answerablePostIds, membershipOf } from './incident-posts';

const facts = { number: '78-2026-000001', topicCode: 'landscaping.lighting', urgency: 'normal' as const, regionCode: '40' };
const at = '2026-03-02T10:00:00.000Z';

describe("posts an incident's answer goes under", () => {
  it('adds a grouped post to the incident it joined', () => {
    expect(membershipOf({ topic: TOPICS.incidentPostAttached, payload: { ...facts, incidentId: 'i1', postIds: ['p1', 'p2'], postId: 'p2', reason: 'та же проблема', attachedAt: at } })).toEqual([
      { incidentId: 'i1', add: ['p1', 'p2'], remove: [] },
    ]);
  });

  it('gives the incident merged into every post it holds after the merge, and the merged one nothing', () => {
    const payload = { incidentId: 'i2', number: 'n2', intoIncidentId: 'i1', intoNumber: 'n1', movedPostIds: ['p3'], postIds: ['p1', 'p3'], actor: 'operator:o', reason: 'то же', mergedAt: at };
    expect(membershipOf({ topic: TOPICS.incidentMerged, payload })).toEqual([{ incidentId: 'i1', add: ['p1', 'p3'], remove: [] }]);
  });

  it('takes split posts from the incident they left and gives them to the new one', () => {
    const payload = { ...facts, incidentId: 'i1', postIds: ['p1'], splitPostIds: ['p2'], newIncidentId: 'i3', newNumber: 'n3', actor: 'operator:o', reason: 'другое', splitAt: at };
    expect(membershipOf({ topic: TOPICS.incidentSplit, payload })).toEqual([
      { incidentId: 'i1', add: [], remove: ['p2'] },
      { incidentId: 'i3', add: ['p2'], remove: [] },
    ]);
  });

  it('answers under each post once and never under a post that left, whatever a late routing says', () => {
    expect(answerablePostIds({ postIds: ['p1', 'p2', 'p1', 'p3'], leftPostIds: ['p3'] })).toEqual(['p1', 'p2']);
    expect(answerablePostIds({ postIds: ['p1'] })).toEqual(['p1']);
  });
});
