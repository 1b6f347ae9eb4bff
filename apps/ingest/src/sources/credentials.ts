import { addSecret } from '@otklik/observability';

/** The environment variable names a credential reference may use (no lower case, no spaces). */
export const CREDENTIAL_REF_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

/** A credential reference names no variable that is set. */
export class MissingCredentialError extends Error {
  constructor(readonly ref: string) {
    super(`credential ${ref}: environment variable is not set`);
    this.name = 'MissingCredentialError';
  }
}

/**
 * Resolves credential references to secrets from the environment at the moment of use, so that a
 * secret is never stored, returned by the API or logged: only its reference is. A resolved secret
 * is handed to the log redaction, whatever its variable is called.
 */
export class CredentialResolver {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** The secret behind `ref`; throws MissingCredentialError naming only the reference. */
  resolve(ref: string): string {
    const value = CREDENTIAL_REF_PATTERN.test(ref) ? this.env[ref] : undefined;
    if (value === undefined || value.length === 0) throw new MissingCredentialError(ref);
    addSecret(value);
    return value;
  }

  /** Whether `ref` is set, for the status API (which shows presence, never the value). */
  isPresent(ref: string): boolean {
    return CREDENTIAL_REF_PATTERN.test(ref) && (this.env[ref]?.length ?? 0) > 0;
  }
}
