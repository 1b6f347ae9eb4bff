/** Injection tokens of the posts' stores (interfaces have no runtime class to inject by). */
export const POST_STORE = Symbol('POST_STORE');
export const RAW_PAYLOAD_STORE = Symbol('RAW_PAYLOAD_STORE');
