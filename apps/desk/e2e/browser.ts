import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { findRepoRoot } from '../src/common/repo-root';

/** Debian's Chromium; `apt-get install -y chromium` provides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and nothing that reaches the network by itself. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Where screenshots go: the git-ignored tmp/ of the workspace. */
export function screenshotDir(): string {
  const dir = join(findRepoRoot(__dirname) ?? process.cwd(), 'tmp', 'desk-e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}
