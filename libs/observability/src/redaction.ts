/** What a secret is replaced with in a log line. */
export const REDACTED = '[redacted]';

/** Names of fields and variables that hold secrets: passwords, tokens, keys, cookies, signatures. */
const SECRET_NAME = /(password|passwd|secret|token|authorization|cookie|credential|signature|api[-_]?key|private[-_]?key|_keys?$)/i;
/** Names that only point at a secret or describe one (an id, a reference, a file, whether it is set). */
const NOT_A_SECRET = /(Id|Ids|Ref|Present|Count|File|Url|At|Name|Kind|Type|_ID|_REF|_FILE|_URL|_NAME)$/;
/** Values this short are not worth hiding, and hiding them would blank common words. */
const MIN_SECRET_LENGTH = 8;

/** Whether a field or environment variable of this name holds a secret (SMTP_PASSWORD, accessToken, cookie…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

/**
 * Secrets by their shape, wherever they stand in a line (a message, a URL, an error's text):
 * bearer credentials, JWTs, desk API tokens and session cookies, secret query parameters,
 * Telegram bot tokens in API paths, and passwords in URLs.
 */
const SHAPES: [RegExp, string][] = [
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/otk_[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/(otklik_session=)[^;\s"\\]+/g, `$1${REDACTED}`],
  [/([?&](?:access_token|token|secret|secret_token|password|client_secret|api_key|key|sig|signature)=)[^&\s"\\#]+/gi, `$1${REDACTED}`],
  [/(\/bot)\d+:[A-Za-z0-9_-]{20,}/g, `$1${REDACTED}`],
  [/(\/\/[^/\s:@"\\]+:)[^@\s/"\\]+@/g, `$1${REDACTED}@`],
];

/** `"name":"value"` in a JSON line, and the same escaped inside a string (a message quoting JSON). */
const JSON_FIELD = /"([^"\\]{1,100})":"((?:[^"\\]|\\.)*)"/g;
const ESCAPED_JSON_FIELD = /\\"([^"\\]{1,100})\\":\\"(.*?)\\"/g;

/**
 * Removes secrets from log lines: by the name of the field that holds them (at any depth), by
 * their shape, and by value for the secrets this process knows (its configuration's, and those
 * code registers with `addSecret` when it reads one, such as a source's access token).
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** Longest first, so that a secret containing another is replaced whole. */
  private ordered: string[] = [];

  /** Hides this value wherever it appears from now on (also URL-encoded); short values are ignored. */
  addSecret(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return;
    this.secrets.add(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.secrets.add(encoded);
    this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  /**
   * Registers the values of the secret-named variables of `env`; a list such as OTKLIK_AUTH_KEYS
   * (`kid:secret,kid:secret`) also registers each secret on its own.
   */
  addSecretsOf(env: NodeJS.ProcessEnv): void {
    for (const [name, value] of Object.entries(env)) {
      if (!value || !isSecretName(name)) continue;
      this.addSecret(value);
      for (const part of value.split(',')) this.addSecret(part.slice(part.indexOf(':') + 1).trim());
    }
  }

  /** The line with every secret it can recognise replaced by `[redacted]`. */
  redact(line: string): string {
    let out = line.replace(JSON_FIELD, (field, name: string) => (isSecretName(name) ? `"${name}":"${REDACTED}"` : field));
    out = out.replace(ESCAPED_JSON_FIELD, (field, name: string) => (isSecretName(name) ? `\\"${name}\\":\\"${REDACTED}\\"` : field));
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    for (const secret of this.ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
}

/** The redactor every logger of this process writes through. */
export const logRedactor = new Redactor();

/** Hides a secret this process has just read (a credential resolved at use) from every log line. */
export function addSecret(value: string | undefined): void {
  logRedactor.addSecret(value);
}
