// `npm start`: brings up Kafka and the database (unless KAFKA_BROKERS / MONGODB_URI point
// elsewhere), then the local demo (fake platforms and a mail catcher) and every Otklik service on
// its default port, with their logs on this terminal.
// Ctrl-C stops the services (each finishes its in-flight events and commits) and then the
// infrastructure this command started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = [
  ['ingest', 3001],
  ['classifier', 3002],
  ['router', 3003],
  ['sla-tracker', 3004],
  ['notifier', 3005],
  ['desk', 3000],
];
const STOP_TIMEOUT_MS = 30000;
const startedAt = Date.now();

function infra(command) {
  const result = spawnSync('bash', [resolve(root, 'deploy/local/infra.sh'), command], { stdio: 'inherit', cwd: root });
  return result.status ?? 1;
}

const startedInfra = infra('status') !== 0;
if (startedInfra && infra('up') !== 0) {
  console.error('otklik: the infrastructure did not start; see the messages above');
  process.exit(1);
}

// Ingest pseudonymises authors with a keyed hash; a key made once and kept under .data keeps
// pseudonyms stable across restarts of a local installation. Production sets its own.
function localPseudonymKey() {
  const file = resolve(root, '.data/ingest-pseudonym.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
process.env.INGEST_PSEUDONYM_KEY ??= localPseudonymKey();

// Every service verifies callers' tokens with one key set (docs/decisions/0004-one-identity-model.md);
// a key made once under .data keeps tokens and the console's calls valid across restarts.
function localAuthKeys() {
  const file = resolve(root, '.data/auth-keys');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `local:${randomBytes(32).toString('base64url')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
process.env.OTKLIK_AUTH_KEYS ??= localAuthKeys();

// The local demo (libs/fake-platforms/src/demo): fake VK, OK and Telegram APIs on loopback fed with
// a steady trickle of complaints, and a mail catcher the notifier sends to. OTKLIK_DEMO=0 leaves
// the feed out (the mail catcher stays unless SMTP_HOST points at a real relay). Local only:
// no container or production configuration sets any of this.
const demoFeed = process.env.OTKLIK_DEMO !== '0';
const mailCatcher = process.env.SMTP_HOST === undefined;
const MAIL_INBOX_PORT = Number(process.env.OTKLIK_MAIL_INBOX_PORT ?? 3010);
function demoEnvironment() {
  const defaults = {
    ...(mailCatcher ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525', OTKLIK_MAIL_INBOX_PORT: String(MAIL_INBOX_PORT) } : {}),
    OPERATOR_EMAILS: 'operators@cur.otklik.local',
    ...(demoFeed
      ? {
          VK_API_URL: 'http://127.0.0.1:3011',
          OK_API_URL: 'http://127.0.0.1:3012',
          TELEGRAM_API_URL: 'http://127.0.0.1:3013',
          // What ingest's demo sources name as their credentials, and the notifier's reply-back tokens.
          OTKLIK_DEMO_VK_TOKEN: 'demo-vk-token',
          OTKLIK_DEMO_OK_TOKEN: 'demo-ok-token',
          OTKLIK_DEMO_OK_TOKEN_APP_KEY: 'CBAPUBLICKEY',
          OTKLIK_DEMO_OK_TOKEN_APP_SECRET: 'app-secret',
          OTKLIK_DEMO_TELEGRAM_TOKEN: '123:demo-bot-token',
          VK_ACCESS_TOKEN: 'demo-vk-token',
          TELEGRAM_BOT_TOKEN: '123:demo-bot-token',
          OK_APPLICATION_KEY: 'CBAPUBLICKEY',
          OK_APPLICATION_SECRET_KEY: 'app-secret',
          OK_ACCESS_TOKEN: 'demo-ok-token',
        }
      : {}),
  };
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
}
if (demoFeed || mailCatcher) demoEnvironment();

async function answers(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}

const children = new Map();
let stopping = false;

function startService(name, port) {
  startChild(name, `apps/${name}/src/main.ts`, { PORT: process.env[`OTKLIK_${name.toUpperCase().replace('-', '_')}_PORT`] ?? String(port) });
}

/** Runs a TypeScript entry point as a child with its output on this terminal; `essential` children stop everything when they fail. */
function startChild(name, entry, env = {}, essential = true) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name.padEnd(11)}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping && !essential) {
      console.error(`otklik: ${name} stopped (${signal ?? `exit ${code}`}); the services go on without it`);
    } else if (!stopping) {
      console.error(`otklik: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything`);
      void stopAll(1);
    } else if (children.size === 0) {
      finish();
    }
  });
  children.set(name, child);
}

let exitCode = 0;
function finish() {
  if (startedInfra) infra('down');
  process.exit(exitCode);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (children.size === 0) return finish();
  console.log(`otklik: stopping ${[...children.keys()].join(', ')}`);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const [name, child] of children) {
      console.error(`otklik: ${name} did not stop in ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS).unref();
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// The fake platforms and the mail catcher listen before ingest polls and the notifier sends.
if (demoFeed || mailCatcher) {
  startChild('demo', 'libs/fake-platforms/src/demo/main.ts', {}, false);
  if (!(await answers(`http://127.0.0.1:${MAIL_INBOX_PORT}/messages.json`, 60000))) console.error('otklik: the demo platforms did not come up in 60 s');
}
for (const [name, port] of SERVICES) startService(name, port);
console.log(`otklik: starting ${SERVICES.map(([name, port]) => `${name} :${port}`).join(', ')}; Ctrl-C stops everything`);
void announceConsole();

/** Once desk answers: where the console is and how to sign in (the generated password only when just made). */
async function announceConsole() {
  const port = process.env.OTKLIK_DESK_PORT ?? '3000';
  if (!(await answers(`http://127.0.0.1:${port}/health/live`, 180000)) || stopping) return;
  const passwordFile = resolve(process.env.DESK_ADMIN_PASSWORD_FILE ?? resolve(root, '.data/desk-admin-password'));
  const login = process.env.DESK_ADMIN_LOGIN ?? 'admin';
  let how = `sign in as "${login}" with DESK_ADMIN_PASSWORD`;
  if (!process.env.DESK_ADMIN_PASSWORD && existsSync(passwordFile)) {
    how =
      statSync(passwordFile).mtimeMs >= startedAt
        ? `sign in as "${login}", password ${readFileSync(passwordFile, 'utf8').trim()} (kept in ${passwordFile}; shown this once)`
        : `sign in as "${login}" with the password in ${passwordFile}`;
  }
  const lines = [`console: http://127.0.0.1:${port} — ${how}`];
  if (mailCatcher) lines.push(`mail sent by the notifier: http://127.0.0.1:${MAIL_INBOX_PORT} (and .data/mail/)`);
  if (demoFeed) lines.push('demo feed on: complaints arrive from fake VK, OK, Telegram and Open311 (OTKLIK_DEMO=0 turns it off)');
  console.log(['', ...lines.map((line) => `otklik: ${line}`), ''].join('\n'));
}
