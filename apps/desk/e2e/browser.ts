import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { listenLocal, sendJson } from '@otklik/fake-platforms';
import { Browser, chromium, Page } from 'playwright-core';
import { findWorkspaceRoot } from '@otklik/config';

/** Debian's Chromium; `apt-get install -y chromium` provides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and nothing that reaches the network by itself. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Where screenshots go: the git-ignored tmp/ of the workspace. */
export function screenshotDir(): string {
  const dir = join(findWorkspaceRoot(__dirname) ?? process.cwd(), 'tmp', 'desk-e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A console page signed in as `login`; page errors and console errors (401s aside) collect in `problems`. */
export async function signedInPage(browser: Browser, siteUrl: string, login: string, password: string): Promise<Page & { problems: string[] }> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1400, height: 1000 } });
  const page = Object.assign(await context.newPage(), { problems: [] as string[] });
  page.on('pageerror', (error) => page.problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !message.text().includes('401') && page.problems.push(message.text()));
  await page.goto(siteUrl);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.locator('.topbar').waitFor({ state: 'visible' });
  return page;
}

/** An agency as the router's directory lists it. */
export interface DirectoryAgency {
  id: string;
  name: string;
  shortName?: string;
  kind: string;
  territoryCode: string;
}

/** The router's agency directory (`GET /v1/agencies`) on loopback, as desk reads it over HTTP. */
export async function serveAgencyDirectory(agencies: DirectoryAgency[]): Promise<{ server: Server; baseUrl: string }> {
  return listenLocal(async (request, response) => {
    if ((request.url ?? '').split('?')[0] === '/v1/agencies') return sendJson(response, agencies);
    response.writeHead(404).end();
  });
}
