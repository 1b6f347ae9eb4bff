import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** A TypeScript entry point run in its own Node process with the given environment. */
export interface ChildService {
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `entry` (relative to the repo root) and resolves once it prints `readyLine`. */
export async function startChild(entry: string, env: NodeJS.ProcessEnv, readyLine: string, timeoutMs = 60000): Promise<ChildService> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${entry} not ready in ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${entry} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
  return { process: child, exited };
}
