/** Injection token of the poller registry (`pollerFor(source)`). */
export const POLLERS = Symbol('POLLERS');
