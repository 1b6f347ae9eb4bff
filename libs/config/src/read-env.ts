import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** A variable that is missing or malformed; the message names it and says what was expected. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads the environment variables named by the properties of `EnvClass` (their initial values are
 * the defaults), converts and validates them. Throws ConfigurationError naming each bad variable.
 */
export function readEnv<T extends object>(EnvClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new EnvClass();
  const plain: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const instance = plainToInstance(EnvClass, plain, { enableImplicitConversion: true });
  const problems = validateSync(instance).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${error.property}=${JSON.stringify(plain[error.property] ?? null)}: ${message.replace(`${error.property} `, '')}`,
    ),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);
  return instance;
}
