// `npm start`: brings up Kafka and the database (unless KAFKA_BROKERS / MONGODB_URI point
// elsewhere), then every Otklik service on its default port, with their logs on this terminal.
// Ctrl-C stops the services (each finishes its in-flight events and commits) and then the
// infrastructure this command started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = [
  ['ingest', 3001], ['classifier', 3002], ['router', 3003], ['sla-tracker', 3004], ['notifier', 3005], ['desk', 3000],
];
const STOP_TIMEOUT_MS = 30000;

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

const children = new Map();
let stopping = false;

function startService(name, port) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${name}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, PORT: process.env[`OTKLIK_${name.toUpperCase().replace('-', '_')}_PORT`] ?? String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name.padEnd(11)}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
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

for (const [name, port] of SERVICES) startService(name, port);
console.log(`otklik: starting ${SERVICES.map(([name, port]) => `${name} :${port}`).join(', ')}; Ctrl-C stops everything`);
