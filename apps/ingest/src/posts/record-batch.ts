import type { Observation, RecordResult } from './post.model';
import type { PostRecorderService } from './post-recorder.service';

/** Observations recorded at the same time; each database round trip is the cost that matters. */
export const RECORD_CONCURRENCY = 8;

function laneKey(observation: Observation): string {
  const { platform, externalId } = observation.kind === 'post' ? observation.draft : observation.deletion;
  return `${platform}\u0000${externalId}`;
}

/**
 * Records a batch while keeping the order of observations of the same post (a post and its edit
 * in one batch are recorded in that order). The first observation of each post this process has
 * not seen goes into one insert of all of them; the rest, and posts that insert finds already
 * there, are recorded one by one, several at a time. Results come back in input order.
 */
export async function recordAll(recorder: PostRecorderService, observations: Observation[], concurrency = RECORD_CONCURRENCY): Promise<RecordResult[]> {
  const results: (RecordResult | undefined)[] = new Array(observations.length);
  const lanes = new Map<string, number[]>();
  observations.forEach((observation, index) => {
    const key = laneKey(observation);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const unseen = [...lanes.values()]
    .map((lane) => lane[0])
    .flatMap((index) => {
      const observation = observations[index];
      return observation.kind === 'post' && !recorder.knows(observation.draft) ? [{ index, draft: observation.draft }] : [];
    });
  const inserted = await recorder.recordNewPosts(unseen.map((u) => u.draft));
  unseen.forEach(({ index }, k) => (results[index] = inserted[k]));
  const queue = [...lanes.values()].map((lane) => lane.filter((index) => results[index] === undefined)).filter((lane) => lane.length > 0);
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const index of lane) results[index] = await recorder.record(observations[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results as RecordResult[];
}
