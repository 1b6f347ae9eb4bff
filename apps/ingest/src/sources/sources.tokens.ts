/** Injection tokens of the sources' stores (interfaces have no runtime class to inject by). */
export const SOURCE_STATUS_STORE = Symbol('SOURCE_STATUS_STORE');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
