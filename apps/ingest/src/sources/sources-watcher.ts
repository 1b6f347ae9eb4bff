/**
 * What applies a change of sources at once rather than at its next periodic refresh (the poll
 * scheduler). A token here, so that sources/ does not import the polling that reads it.
 */
export abstract class SourcesWatcher {
  /** Reads the sources again and starts, restarts or stops their polling. */
  abstract refresh(): Promise<void>;
}
