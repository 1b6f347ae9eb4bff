import type { Server } from 'node:http';
import { closeServer } from '@otklik/fake-platforms';
import { EventPublisher } from '@otklik/messaging';
import { waitFor } from '@otklik/testing';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { Browser, Page } from 'playwright-core';
import { IncidentDetail } from '../src/incidents/incident.presenter';
import { DeskUnderTest, startDesk, USER_PASSWORD } from '../src/testing/desk-test-app';
import { classified, Fixture, minutes, postReceived, routed } from '../src/testing/event-fixtures';
import { attached } from '../src/testing/grouping-fixtures';
import { launchChromium, screenshotDir, serveAgencyDirectory, signedInPage } from './browser';
import { dropDatabase, freePort, RunningService, startSlaTracker } from './sla-tracker.process';

const PUBLIC_HOST = 'desk.otklik.test';
const slaDatabase = (database: string): string => `${database}_sla`.slice(0, 60);

/** A small valid PNG (solid colour), made here so the test needs no image file. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => (bytes.reduce((c, b) => (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([46, 125, 50]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

describe('console end to end: correction, answer, clock, history (desk + sla-tracker + Chromium)', () => {
  let desk: DeskUnderTest;
  let slaTracker: RunningService;
  let router: Server | undefined;
  let browser: Browser;
  let siteUrl: string;
  const shots = screenshotDir();
  const incidentId = `e2e-${Date.now().toString(36)}`;

  beforeAll(async () => {
    // Photo URLs go into events whose contract wants a URL with a domain name, so desk is
    // reached as desk.otklik.test, which the browser resolves to loopback.
    const port = await freePort();
    // The console names agencies from the router's directory (desk reads it over HTTP).
    const directory = await serveAgencyDirectory([
      { id: 'gzhi', name: 'Государственная жилищная инспекция Санкт-Петербурга', kind: 'regional_executive', territoryCode: '40000000' },
      { id: 'kgiop', name: 'Комитет по государственному контролю, использованию и охране памятников истории и культуры', kind: 'regional_executive', territoryCode: '40000000' },
    ]);
    router = directory.server;
    desk = await startDesk('desk-e2e', { listen: { port, host: PUBLIC_HOST }, env: { DESK_ROUTER_URL: directory.baseUrl } });
    siteUrl = `http://${PUBLIC_HOST}:${port}`;
    slaTracker = await startSlaTracker({ topicPrefix: desk.infra.topicPrefix, database: slaDatabase(desk.infra.database) });
    browser = await launchChromium([`--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`]);
    await desk.user('operator-e2e', 'operator');
    await desk.user('gzhi-e2e', 'agency', 'gzhi');
    // What ingest, the classifier and the router would have published for a citizen's post.
    const t0 = new Date(Date.now() - 5 * 60_000);
    const pipeline: Fixture[] = [
      postReceived('p-e2e', 'Третий день нет горячей воды в доме на Невском проспекте, 28. Управляющая компания не отвечает.', t0),
      classified('p-e2e', 'housing.heating', 0.44, minutes(t0, 1)),
      routed(incidentId, ['p-e2e'], 'gzhi', minutes(t0, 2), { number: '78-2026-004242' }),
      // A second citizen about the same problem: the router grouped the post into the incident.
      postReceived('p-e2e-4', 'В доме 28 на Невском проспекте тоже нет горячей воды уже третий день', minutes(t0, 3)),
      attached(incidentId, ['p-e2e', 'p-e2e-4'], 'p-e2e-4', minutes(t0, 3), undefined, { number: '78-2026-004242' }),
      // Two more open incidents elsewhere, so the queue, the dashboards and the map have company.
      postReceived('p-e2e-2', 'Яма на дороге у остановки, машины объезжают по встречной', t0, { geo: { lat: 59.93, lon: 30.36 } }),
      classified('p-e2e-2', 'roads.surface', 0.91, minutes(t0, 1), { place: { territoryCode: '40909000', name: 'Центральный район', geo: { lat: 59.93, lon: 30.36 } } }),
      routed(`${incidentId}-2`, ['p-e2e-2'], 'kgiop', minutes(t0, 2), {
        number: '78-2026-004243',
        topicCode: 'roads.surface',
        place: { territoryCode: '40909000', name: 'Центральный район', geo: { lat: 59.93, lon: 30.36 } },
      }),
      postReceived('p-e2e-3', 'Не вывозят мусор со двора вторую неделю', t0),
      classified('p-e2e-3', 'waste.containers', 0.88, minutes(t0, 1), { place: { territoryCode: '40912000', name: 'Петроградский район', geo: { lat: 59.96, lon: 30.31 } } }),
      routed(`${incidentId}-3`, ['p-e2e-3'], 'gzhi', minutes(t0, 2), {
        number: '78-2026-004244',
        topicCode: 'waste.containers',
        place: { territoryCode: '40912000', name: 'Петроградский район', geo: { lat: 59.96, lon: 30.31 } },
      }),
    ];
    const publisher = desk.service.app.get(EventPublisher);
    for (const event of pipeline) {
      const payload = event.envelope.payload as { incidentId?: string; postId?: string };
      await publisher.send(event.topic, event.envelope, payload.incidentId ?? payload.postId ?? 'e2e');
    }
    await waitFor(
      'the sla-tracker to arm the clock, as seen by desk',
      async () => {
        const incident = await desk.admin.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`);
        return incident.status === 200 && incident.body.clocks.some((c) => c.status === 'running');
      },
      90_000,
      500,
    );
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    if (router) await closeServer(router);
    await slaTracker?.stop();
    if (desk) await dropDatabase(desk.infra.mongoUri, slaDatabase(desk.infra.database));
    await desk?.close();
  });

  /** Waits until every image on the page has loaded, so a screenshot shows the photos. */
  async function photosLoaded(page: Page): Promise<void> {
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0));
  }

  function signIn(login: string): Promise<Page> {
    return signedInPage(browser, siteUrl, login, USER_PASSWORD);
  }

  it('lets an operator correct a low-confidence classification from the live queue', async () => {
    const page = await signIn('operator-e2e');
    await page.getByRole('tab', { name: /Низкая уверенность/ }).click();
    await page.screenshot({ path: join(shots, '0-operator-queue.png'), fullPage: true });
    await page.getByRole('link', { name: '78-2026-004242' }).click();
    await page.getByRole('heading', { name: 'Обращение 78-2026-004242' }).waitFor();
    await page
      .locator('[data-phase="first_answer"] .clock')
      .filter({ hasText: /Осталось/ })
      .waitFor();
    const form = page.locator('details[data-action="classification"]');
    await form.locator('select[name="topicCode"]').selectOption('housing.water_supply');
    await form.getByRole('button', { name: 'Исправить' }).click();
    await page.locator('ol.timeline li[data-type="classification.corrected"]').filter({ hasText: 'Водоснабжение' }).waitFor();
    await page.screenshot({ path: join(shots, '1-operator-corrected.png'), fullPage: true });
    const incident = (await desk.admin.get<IncidentDetail>(`/api/v1/incidents/${incidentId}`)).body;
    expect(incident).toEqual(expect.objectContaining({ topicCode: 'housing.water_supply', reviewNeeded: false }));
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
    await page.context().close();
  });

  it('lets the agency take and answer it with a photo; the clock stops and the answer is in the history', async () => {
    const page = await signIn('gzhi-e2e');
    await page.getByRole('heading', { name: 'Мои обращения' }).waitFor();
    await page.getByRole('link', { name: '78-2026-004242' }).click();
    await page.locator('details[data-action="acknowledge"]').getByRole('button', { name: 'Принять' }).click();
    await page.locator('ol.timeline li[data-type="incident.acknowledged"]').waitFor();
    const answer = page.locator('details[data-action="answers"]');
    await answer.locator('textarea[name="text"]').fill('Горячее водоснабжение восстановлено 26.11 в 14:00, проверено на месте. Фото прилагаем.');
    await answer.locator('input[name="photos"]').setInputFiles({ name: 'work.png', mimeType: 'image/png', buffer: png(64, 48) });
    await answer.getByRole('button', { name: 'Отправить ответ' }).click();
    await page.locator('ol.timeline li[data-type="agency.answered"]').filter({ hasText: 'Горячее водоснабжение восстановлено' }).waitFor();
    // The clock stops when the sla-tracker hears the answer and says so.
    await page.locator('[data-phase="first_answer"] .clock').filter({ hasText: 'Остановлен: ответ в срок' }).waitFor({ timeout: 60_000 });
    await page.locator('ol.timeline li[data-type="sla.met"]').waitFor();
    // The clock met at the answer's instant reads after the answer that stopped it.
    const types = await page.locator('ol.timeline li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.type));
    expect(types.indexOf('sla.met')).toBeGreaterThan(types.indexOf('agency.answered'));
    await photosLoaded(page);
    await page.screenshot({ path: join(shots, '2-agency-answered.png'), fullPage: true });
    expect(
      await page
        .locator('.photos img')
        .first()
        .evaluate((image: HTMLImageElement) => image.naturalWidth),
    ).toBe(64);
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);

    const operator = await signIn('operator-e2e');
    await operator.goto(`${siteUrl}/#/incident/${incidentId}`);
    await operator.locator('ol.timeline li[data-type="agency.answered"]').filter({ hasText: 'Горячее водоснабжение восстановлено' }).waitFor();
    await operator.locator('.state').filter({ hasText: 'Ответ дан' }).first().waitFor();
    await operator.locator('ol.timeline li[data-type="incident.post-attached"]').filter({ hasText: 'Присоединено ещё одно сообщение' }).waitFor();
    await operator.locator('article.post').filter({ hasText: 'тоже нет горячей воды' }).locator('.tag').filter({ hasText: 'присоединено' }).waitFor();
    await photosLoaded(operator);
    await operator.screenshot({ path: join(shots, '3-operator-history.png'), fullPage: true });
    await operator.goto(`${siteUrl}/#/dashboards`);
    await operator.getByRole('heading', { name: /Обращения по темам/ }).waitFor();
    await operator.locator('ul.bars li').filter({ hasText: 'Государственная жилищная инспекция Санкт-Петербурга (1 из 1)' }).waitFor();
    await operator.locator('table.matrix th').filter({ hasText: 'Дороги' }).waitFor();
    await operator.screenshot({ path: join(shots, '4-dashboards.png'), fullPage: true });
    await operator.goto(`${siteUrl}/#/incidents`);
    await operator.locator('select[name="taxonomyCode"] option[value="roads"]').waitFor({ state: 'attached' });
    await operator.locator('select[name="taxonomyCode"]').selectOption('roads');
    await operator.getByRole('button', { name: 'Найти' }).click();
    await operator.locator('.list p.muted').filter({ hasText: 'Найдено: 1' }).waitFor();
    await operator.getByRole('link', { name: '78-2026-004243' }).waitFor();
    await operator.goto(`${siteUrl}/#/map`);
    await operator.locator('svg.map circle').nth(1).waitFor();
    expect(await operator.locator('svg.map circle').count()).toBe(2);
    await operator.screenshot({ path: join(shots, '5-map.png'), fullPage: true });
    expect((operator as Page & { problems?: string[] }).problems).toEqual([]);
  });
});
