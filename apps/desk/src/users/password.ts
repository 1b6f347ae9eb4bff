import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt parameters written into each hash, so they can be raised later without breaking logins. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  costLog2: number;
  /** Block size r. */
  blockSize: number;
  /** Parallelisation p. */
  parallelism: number;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.costLog2;
  // scrypt needs 128·N·r bytes; node refuses above maxmem, so allow twice that.
  const maxmem = 256 * N * params.blockSize;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: params.blockSize, p: params.parallelism, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Default parameters: N = 2^17, r = 8, p = 1 (OWASP's recommendation for scrypt). */
export function scryptParams(costLog2 = 17): ScryptParams {
  return { costLog2, blockSize: 8, parallelism: 1 };
}

/** Hashes a password as `scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url). */
export async function hashPassword(password: string, params: ScryptParams = scryptParams()): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  const encoded = `ln=${params.costLog2},r=${params.blockSize},p=${params.parallelism}`;
  return `${PREFIX}$${encoded}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [prefix, encoded, salt, key] = stored.split('$');
  if (prefix !== PREFIX || !encoded || !salt || !key) return undefined;
  const match = /^ln=(\d+),r=(\d+),p=(\d+)$/.exec(encoded);
  if (!match) return undefined;
  const params = { costLog2: Number(match[1]), blockSize: Number(match[2]), parallelism: Number(match[3]) };
  if (params.costLog2 < 10 || params.costLog2 > 22 || params.blockSize < 1 || params.parallelism < 1) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when a hash was made with weaker parameters than `wanted` and should be redone at login. */
export function needsRehash(stored: string, wanted: ScryptParams): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return parsed.params.costLog2 < wanted.costLog2 || parsed.params.blockSize < wanted.blockSize;
}

/** Length matters most for resistance to guessing. */
const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused, or undefined if it is acceptable. */
export function passwordProblem(password: string, login: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'must be at most 256 characters';
  if (password.toLowerCase().includes(login.toLowerCase())) return 'must not contain the login';
  if (new Set(password).size < 4) return 'must not be one or two characters repeated';
  return undefined;
}
