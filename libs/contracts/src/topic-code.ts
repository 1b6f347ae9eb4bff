/** A record as written before the taxonomy's code was named `topicCode`: it may still say `topic`. */
export type WrittenBeforeTopicCode<T extends { topicCode: string }> = Omit<T, 'topicCode'> & { topicCode?: string; topic?: string };

/**
 * A stored record in its current form: `topic`, as records written before the rename name the
 * taxonomy's code, becomes `topicCode`. Stores whose records outlive a release read through it,
 * so nothing past the store sees the old name; the record takes the new one when next written.
 */
export function withTopicCode<T extends { topicCode: string }>(written: WrittenBeforeTopicCode<T>): T {
  if (written.topicCode !== undefined || written.topic === undefined) return written as T;
  const { topic, ...rest } = written;
  return { ...rest, topicCode: topic } as T;
}
