import { hashPassword, needsRehash, passwordProblem, scryptParams, verifyPassword } from './password';

// Low cost keeps the test quick on a shared machine; the algorithm is the same at any cost.
const FAST = scryptParams(12);

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Длинный-пароль-2026', FAST);
    expect(hash).toMatch(/^scrypt\$ln=12,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    await expect(verifyPassword('Длинный-пароль-2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('длинный-пароль-2026', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('same-password-1', FAST)).not.toBe(await hashPassword('same-password-1', FAST));
  });

  it('never matches a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$ln=99,r=8,p=1$AAAA$AAAA')).resolves.toBe(false);
  });

  it('asks to rehash hashes made with a lower cost than wanted', async () => {
    const hash = await hashPassword('another-password-7', FAST);
    expect(needsRehash(hash, scryptParams(12))).toBe(false);
    expect(needsRehash(hash, scryptParams(17))).toBe(true);
  });

  it('refuses short passwords, passwords holding the login and repeated characters', () => {
    expect(passwordProblem('short', 'ivanova')).toMatch(/at least 10/);
    expect(passwordProblem('ivanova-2026-x', 'ivanova')).toMatch(/login/);
    expect(passwordProblem('aaaaaaaaaaaa', 'ivanova')).toMatch(/repeated/);
    expect(passwordProblem('Correct-horse-42', 'ivanova')).toBeUndefined();
  });
});
