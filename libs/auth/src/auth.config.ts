import { registerAs } from '@nestjs/config';
import { IsNotEmpty, IsString } from 'class-validator';
import { ConfigurationError, readEnv } from '@otklik/config';
import { KeySet, KeySetError, parseKeySet } from './key-set';

class AuthEnv {
  @IsString()
  @IsNotEmpty({ message: 'OTKLIK_AUTH_KEYS must be set: kid:secret[,kid:secret…] (npm start makes a local one under .data)' })
  OTKLIK_AUTH_KEYS: string = '';
}

/** The settings of caller authentication (`auth` namespace). */
export interface AuthConfig {
  keys: KeySet;
}

/** Reads and checks OTKLIK_AUTH_KEYS; a bad key set stops the service, naming the variable (never the secret). */
export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const { OTKLIK_AUTH_KEYS } = readEnv(AuthEnv, env);
  try {
    return { keys: parseKeySet(OTKLIK_AUTH_KEYS) };
  } catch (error) {
    if (error instanceof KeySetError) throw new ConfigurationError([`OTKLIK_AUTH_KEYS: ${error.message}`]);
    throw error;
  }
}

/** Caller authentication settings: the key set that verifies (and, in desk, signs) tokens. */
export const authConfig = registerAs('auth', (): AuthConfig => readAuthConfig());
