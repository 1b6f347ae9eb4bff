import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isSecretName, REDACTED } from '@otklik/observability';

/** A variable that is missing or malformed; the message names it and says what was expected. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Every variable read so far, with the value in use (a default where it is not set). */
const variablesRead = new Map<string, unknown>();

/** How a variable's value may be shown (in a message or the configuration at start): secrets never. */
function shown(name: string, value: unknown): unknown {
  return value !== undefined && value !== null && isSecretName(name) ? REDACTED : value;
}

/**
 * The configuration this process has read, variable by variable, as it may be shown: secrets
 * (by their names: passwords, tokens, keys) as `[redacted]`, unset optional ones as null.
 */
export function configurationRead(): Record<string, unknown> {
  return Object.fromEntries([...variablesRead].sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => [name, shown(name, value) ?? null]));
}

/**
 * Reads the environment variables named by the properties of `EnvClass` (their initial values are
 * the defaults), converts and validates them. Throws ConfigurationError naming each bad variable
 * (with its value, unless the variable holds a secret).
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
    Object.values(error.constraints ?? {}).map((message) => `${error.property}=${JSON.stringify(shown(error.property, plain[error.property]) ?? null)}: ${message.replace(`${error.property} `, '')}`),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);
  for (const key of Object.keys(defaults)) variablesRead.set(key, (instance as Record<string, unknown>)[key]);
  return instance;
}
