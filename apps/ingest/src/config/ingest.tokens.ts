/** Injection tokens of ingest's stores (interfaces have no runtime class to inject by). */
export const POST_STORE = Symbol('POST_STORE');
export const RAW_PAYLOAD_STORE = Symbol('RAW_PAYLOAD_STORE');
export const SOURCE_STATUS_STORE = Symbol('SOURCE_STATUS_STORE');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
