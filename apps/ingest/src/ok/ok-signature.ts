import { createHash } from 'node:crypto';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * OK REST API request signature for calls with an access token: every parameter except
 * `access_token`, `session_key` and `sig`, as `name=value` sorted by name and concatenated, then
 * md5 of that followed by md5(access_token + application secret key); lower-case hex.
 */
export function okSignature(params: Record<string, string>, accessToken: string, applicationSecretKey: string): string {
  const signed = Object.keys(params)
    .filter((name) => name !== 'access_token' && name !== 'session_key' && name !== 'sig')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('');
  return md5(signed + md5(accessToken + applicationSecretKey)).toLowerCase();
}
