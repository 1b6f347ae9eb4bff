import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed webhook request. */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-otklik-timestamp',
  signature: 'x-otklik-signature',
  idempotencyKey: 'idempotency-key',
  deliveryAttempt: 'x-otklik-attempt',
} as const;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed so a request cannot be replayed later. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Why a signature was refused. */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

/**
 * Checks a received webhook as the agency's system should: the signature matches and the
 * timestamp is within `toleranceSec` of now. Returns undefined when valid.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: string,
  nowSec: number = Math.floor(Date.now() / 1000),
  toleranceSec = 300,
): SignatureProblem | undefined {
  if (!headers.timestamp || !headers.signature) return 'missing';
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !/^v1=[0-9a-f]{64}$/.test(headers.signature)) return 'malformed';
  if (Math.abs(nowSec - timestamp) > toleranceSec) return 'stale';
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? undefined : 'mismatch';
}
