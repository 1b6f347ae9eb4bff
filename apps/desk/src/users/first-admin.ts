import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { passwordProblem } from './password';

/** A random password for the first administrator: 24 URL-safe characters (144 bits). */
export function generatePassword(login: string): string {
  for (;;) {
    const password = randomBytes(18).toString('base64url');
    if (!passwordProblem(password, login)) return password;
  }
}

/**
 * Writes a generated password where the person who installed desk can read it (owner-only, 0600),
 * replacing any earlier file atomically so a reader never sees half of it.
 */
export async function keepPassword(file: string, password: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${password}\n`, { mode: 0o600 });
  await rename(partial, file);
}
