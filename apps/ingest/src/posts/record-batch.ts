import type { Observation, RecordResult } from './post.model';
import type { PostRecorderService } from './post-recorder.service';

/** Observations recorded at the same time; each database round trip is the cost that matters. */
export const RECORD_CONCURRENCY = 8;

function laneKey(observation: Observation): string {
  const { platform, externalId } = observation.kind === 'post' ? observation.draft : observation.deletion;
  return `${platform}\u0000${externalId}`;
}

/**
 * Records a batch several at a time while keeping the order of observations of the same post
 * (a post and its edit in one batch are recorded in that order). Results come back in input order.
 */
export async function recordAll(
  recorder: PostRecorderService, observations: Observation[], concurrency = RECORD_CONCURRENCY,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(observations.length);
  const lanes = new Map<string, number[]>();
  observations.forEach((observation, index) => {
    const key = laneKey(observation);
    lanes.set(key, [...(lanes.get(key) ?? []), index]);
  });
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const index of lane) results[index] = await recorder.record(observations[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results;
}
