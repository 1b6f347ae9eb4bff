import type { Server } from 'node:http';
import { join } from 'node:path';
import { closeServer } from '@otklik/fake-platforms';
import { ClassificationCorrectedV2, EventEnvelope, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { authHeader, waitFor } from '@otklik/testing';
import { Browser, Page } from 'playwright-core';
import { DeskUnderTest, startDesk, USER_PASSWORD } from '../src/testing/desk-test-app';
import { fixture, postReceived, surgeDetected as surge } from '../src/testing/event-fixtures';
import { launchChromium, screenshotDir, serveAgencyDirectory, signedInPage } from './browser';
import { dropDatabase, freePort, RunningService, startServiceProcess } from './sla-tracker.process';

const ingestDatabase = (database: string): string => `${database}_ingest`.slice(0, 60);
const T0 = Date.now() - 10 * 60_000;

/** Six posts by one author within minutes through ingest's intake: the spam filter holds the sixth back as flood. */
const floodPost = (i: number) => ({
  sourceId: 'e2e-monitor',
  externalId: `e2e-flood-${i}`,
  author: { id: 'e2e-author', displayName: 'Пётр Иванов' },
  text: `Сообщение ${i}: у дома ${i} на Садовой улице прорвало трубу, вода заливает подвал`,
  createdAt: new Date(T0 + i * 60_000).toISOString(),
});

describe('console end to end: surge queue, held posts, un-dismiss (desk + ingest + Chromium)', () => {
  let desk: DeskUnderTest;
  let ingest: RunningService;
  let router: Server | undefined;
  let browser: Browser;
  let tap: EventTap;
  let heldId: string;
  const shots = screenshotDir();
  const waiting = surge('40911000', 'Невский район', ['e2e-i1', 'e2e-i2', 'e2e-i3'], 0);
  // Detected long enough ago that its half minute to be acknowledged is gone when desk gets it.
  const late = surge('40908000', 'Кировский район', ['e2e-i4', 'e2e-i5', 'e2e-i6'], 31_000);

  const ingestApi = (path: string, body: unknown) =>
    fetch(`${ingest.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader({ role: 'admin' }) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    // Desk asks ingest for held posts: ingest's port is chosen first so that desk starts knowing it.
    const ingestPort = await freePort();
    // The console names agencies from the router's directory (desk reads it over HTTP).
    const directory = await serveAgencyDirectory([{ id: 'gzhi', name: 'Государственная жилищная инспекция Санкт-Петербурга', kind: 'regional_executive', territoryCode: '40000000' }]);
    router = directory.server;
    desk = await startDesk('desk-e2e-queues', {
      env: { DESK_SURGE_ACKNOWLEDGE_MINUTES: '0.5', DESK_INGEST_URL: `http://127.0.0.1:${ingestPort}`, DESK_ROUTER_URL: directory.baseUrl },
    });
    ingest = await startServiceProcess('ingest', {
      topicPrefix: desk.infra.topicPrefix,
      database: ingestDatabase(desk.infra.database),
      port: ingestPort,
      extra: { INGEST_PSEUDONYM_KEY: 'e2e-pseudonym-key-0123456789abcdef', INGEST_POLLING_ENABLED: 'false', INGEST_RELAY_IDLE_MS: '50' },
    });
    browser = await launchChromium();
    tap = await desk.service.tap([TOPICS.classificationCorrected, TOPICS.postReceived]);
    await Promise.all([desk.user('operator-queues', 'operator'), desk.user('agency-queues', 'agency', 'gzhi')]);

    const publisher = desk.service.app.get(EventPublisher);
    await publisher.send(waiting.topic, waiting.envelope, '40911000|housing.heating');
    await publisher.send(late.topic, late.envelope, '40908000|housing.heating');
    const thanks = postReceived('p-e2e-thanks', 'Спасибо, конечно, но во дворе на Бабушкина, 12 третий день нет отопления', new Date(T0));
    await publisher.send(thanks.topic, thanks.envelope, 'p-e2e-thanks');
    const dismissed = fixture(TOPICS.postDismissed, { postId: 'p-e2e-thanks', reason: 'kind:thanks', modelVersion: 'model-e2e' }, new Date(T0 + 60_000));
    await publisher.send(dismissed.topic, dismissed.envelope, 'p-e2e-thanks');

    const source = await ingestApi('/v1/sources', { id: 'e2e-monitor', platform: 'intake', kind: 'intake', territoryCode: '40000000', pollIntervalSec: 0 });
    expect(source.status).toBe(201);
    const intake = await ingestApi('/v1/posts', [1, 2, 3, 4, 5, 6].map(floodPost));
    const results = ((await intake.json()) as { results: { postId: string; outcome: string }[] }).results;
    expect(results.at(-1)?.outcome).toBe('filtered');
    heldId = results.at(-1)?.postId ?? '';
    await waitFor('the dismissed post in desk', async () => (await desk.admin.get<{ items: unknown[] }>('/api/v1/posts/dismissed')).body.items.length === 1 || undefined, 60_000, 200);
  }, 480_000);

  afterAll(async () => {
    await tap?.close();
    await browser?.close();
    await ingest?.stop();
    if (router) await closeServer(router);
    if (desk) await dropDatabase(desk.infra.mongoUri, ingestDatabase(desk.infra.database));
    await desk?.close();
    delete process.env.DESK_SURGE_ACKNOWLEDGE_MINUTES;
    delete process.env.DESK_INGEST_URL;
    delete process.env.DESK_ROUTER_URL;
  });

  function signIn(login: string): Promise<Page & { problems: string[] }> {
    return signedInPage(browser, desk.service.baseUrl, login, USER_PASSWORD);
  }

  it('lets an operator acknowledge a surge, and shows the one nobody took as gone to the supervisor', async () => {
    const page = await signIn('operator-queues');
    await page.getByRole('link', { name: 'Всплески' }).click();
    const fresh = page.locator(`tr[data-surge="${waiting.envelope.id}"]`);
    await fresh.filter({ hasText: 'Невский район' }).filter({ hasText: 'Ждёт решения' }).waitFor();
    await page.locator(`tr[data-surge="${late.envelope.id}"]`).filter({ hasText: 'Передан куратору' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(shots, 'surges-0-queue.png'), fullPage: true });
    await fresh.locator('input[name="note"]').fill('Связались с теплосетью, выехала бригада');
    await fresh.getByRole('button', { name: 'Принять' }).click();
    await page.locator('#toast').filter({ hasText: 'Всплеск принят в работу' }).waitFor();
    await fresh.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Все' }).click();
    await page.locator(`tr[data-surge="${waiting.envelope.id}"]`).filter({ hasText: 'operator-queues' }).filter({ hasText: 'Связались с теплосетью' }).waitFor();
    await page.screenshot({ path: join(shots, 'surges-1-acknowledged.png'), fullPage: true });
    const stored = await desk.admin.get<{ status: string; acknowledged?: { name: string } }>(`/api/v1/surges/${waiting.envelope.id}`);
    expect(stored.body).toMatchObject({ status: 'acknowledged', acknowledged: { name: 'operator-queues' } });
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('lets an operator release a post the spam filter held back, which goes on through the pipeline', async () => {
    const page = await signIn('operator-queues');
    await page.getByRole('link', { name: 'Сообщения' }).click();
    await page.getByRole('tab', { name: 'Задержанные фильтром' }).click();
    const row = page.locator(`tr[data-post="${heldId}"]`);
    await row.filter({ hasText: 'много сообщений подряд' }).filter({ hasText: 'у дома 6' }).waitFor();
    await page.screenshot({ path: join(shots, 'posts-0-held.png'), fullPage: true });
    await row.getByRole('button', { name: 'Пропустить' }).click();
    await page.locator('#toast').filter({ hasText: 'Сообщение пропущено дальше' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const received = await tap.waitFor(TOPICS.postReceived, (m) => m.key === heldId, 30_000);
    expect(received.json).toMatchObject({ producedBy: 'ingest', payload: { postId: heldId, revision: 2 } });
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('lets an operator mark a dismissed post as needing action with its topic and territory', async () => {
    const page = await signIn('operator-queues');
    await page.getByRole('link', { name: 'Сообщения' }).click();
    const row = page.locator('tr[data-post="p-e2e-thanks"]');
    await row.filter({ hasText: 'kind:thanks' }).waitFor();
    await row.getByText('Не отклонять').click();
    await row.locator('select[name="topicCode"]').selectOption('housing.heating');
    await row.locator('input[name="territoryCode"]').fill('40911000');
    await page.screenshot({ path: join(shots, 'posts-1-undismiss.png'), fullPage: true });
    await row.getByRole('button', { name: 'Это обращение' }).click();
    await page.locator('#toast').filter({ hasText: 'станет обращением' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const corrected = await tap.waitFor(TOPICS.classificationCorrected, (m) => m.key === 'p-e2e-thanks', 30_000);
    expect((corrected.json as EventEnvelope<ClassificationCorrectedV2>).payload).toMatchObject({
      postId: 'p-e2e-thanks',
      dismissed: false,
      topicCode: 'housing.heating',
      territoryCode: '40911000',
      kind: 'complaint',
    });
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('shows agency staff neither the surge queue nor the posts outside incidents', async () => {
    const page = await signIn('agency-queues');
    await page.getByRole('heading', { name: 'Мои обращения' }).waitFor();
    const menu = await page.locator('#nav a').allTextContents();
    expect(menu).toContain('Мои обращения');
    expect(menu).not.toContain('Всплески');
    expect(menu).not.toContain('Сообщения');
    const release = await page.evaluate(
      async (id) => (await fetch(`/api/v1/posts/held/${id}/release`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
      heldId,
    );
    expect(release).toBe(403);
    await page.context().close();
  });
});
