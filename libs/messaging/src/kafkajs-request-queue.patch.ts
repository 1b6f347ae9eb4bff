/**
 * kafkajs 2.2.4 schedules a check of a connection's request queue even when nothing waits and no
 * broker throttle is in force, with a delay of `throttledUntil - Date.now()` = -1 - now: Node 24
 * prints a TimeoutNegativeWarning from every client at start, and the timer then fires at once to
 * check an empty queue (tulios/kafkajs#1751; the fix, #1768, is not released). With nothing
 * pending and no throttle there is nothing to check, so the check is not scheduled; every other
 * case goes to kafkajs as before. Applied once, on import, by the Kafka connection.
 */
interface RequestQueue {
  throttleCheckTimeoutId: unknown;
  throttledUntil: number;
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs exports no types for its internals
const RequestQueueClass = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue & { __otklikPatched?: true } };

const prototype = RequestQueueClass.prototype;
if (!prototype.__otklikPatched) {
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue): void {
    if (!this.throttleCheckTimeoutId && this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype.__otklikPatched = true;
}

export {};
