/** Checkpoints per polling unit (a source, or a shared bot token), saved after their batch. */
export interface CheckpointStore {
  load(key: string): Promise<object | undefined>;
  save(key: string, value: object): Promise<void>;
}
