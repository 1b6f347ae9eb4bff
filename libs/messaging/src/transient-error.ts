/**
 * Errors that say the infrastructure is away for a while (the database or its backend restarting,
 * a broker gone), not that the message is bad. A handler that fails with one has not had a real
 * attempt: dead-lettering it after three quick tries would drop an event every consumer needs
 * (a routed incident without its clock) only because PostgreSQL took five seconds to restart.
 */
const TRANSIENT_NAMES = new Set([
  // MongoDB driver
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  // kafkajs (a handler that publishes)
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
]);

/** Messages of the same situations as text: FerretDB passes its PostgreSQL backend's failures on as server errors. */
const TRANSIENT_TEXT = new RegExp(
  [
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'unexpected EOF',
    'failed to connect to',
    'connection refused',
    'the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)',
    'SQLSTATE 57P0',
    'conn closed',
    'broken pipe',
    'server closed the connection',
    'connection pool (was )?cleared',
    'not the leader for that topic-partition',
    'Connection error',
    'Request timed out',
  ].join('|'),
  'i',
);

/**
 * True when a handler failed because other writers kept changing the same document (optimistic
 * concurrency lost too often in a burst): the event is fine and a later try will do. Such errors
 * say so with `retryLater: true`.
 */
export function isContention(error: unknown): boolean {
  return causeChain(error).some((e) => (e as { retryLater?: unknown }).retryLater === true);
}

/** True when `error` (or one of its causes) says the infrastructure is unavailable for now. */
export function isTransientInfrastructureError(error: unknown): boolean {
  return causeChain(error).some((e) => {
    const { name, message } = e as { name?: string; message?: string };
    return (name !== undefined && TRANSIENT_NAMES.has(name)) || (message !== undefined && TRANSIENT_TEXT.test(message));
  });
}

/** An error and its causes (`cause`, or the driver's `originalError`), five deep at most. */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 5;) {
    chain.push(current);
    const { cause, originalError } = current as { cause?: unknown; originalError?: unknown };
    current = cause ?? originalError;
  }
  return chain;
}
