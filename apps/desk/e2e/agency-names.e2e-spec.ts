import type { Server } from 'node:http';
import { join } from 'node:path';
import { closeServer } from '@otklik/fake-platforms';
import { EventPublisher } from '@otklik/messaging';
import { waitFor } from '@otklik/testing';
import { Browser } from 'playwright-core';
import { IncidentDetail } from '../src/incidents/incident.presenter';
import { DeskUnderTest, startDesk, USER_PASSWORD } from '../src/testing/desk-test-app';
import { classified, Fixture, minutes, postReceived, routed } from '../src/testing/event-fixtures';
import { launchChromium, screenshotDir, serveAgencyDirectory, signedInPage } from './browser';

/** The router's agency directory, as desk reads it over HTTP. */
const AGENCIES = [
  { id: 'spb-zha-nevsky', name: 'СПб ГКУ «Жилищное агентство Невского района»', shortName: 'ЖА Невского района', kind: 'district_housing_agency', territoryCode: '40:nevsky' },
  { id: 'spb-kb', name: 'Комитет по благоустройству Санкт-Петербурга', kind: 'regional_executive', territoryCode: '40000000' },
];

describe('console end to end: agencies by name (desk + Chromium)', () => {
  let desk: DeskUnderTest;
  let router: Server;
  let browser: Browser;
  const shots = screenshotDir();
  const incidentId = `names-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const directory = await serveAgencyDirectory(AGENCIES);
    router = directory.server;
    desk = await startDesk('desk-names', { env: { DESK_ROUTER_URL: directory.baseUrl } });
    browser = await launchChromium();
    await desk.user('operator-names', 'operator');
    const t0 = new Date(Date.now() - 5 * 60_000);
    const pipeline: Fixture[] = [
      postReceived('p-names-1', 'Не убирают наледь у дома 12 на Дальневосточном проспекте', t0),
      classified('p-names-1', 'landscaping.snow_ice', 0.93, minutes(t0, 1)),
      routed(incidentId, ['p-names-1'], 'spb-zha-nevsky', minutes(t0, 2), { number: '78-2026-007001', topicCode: 'landscaping.snow_ice' }),
      postReceived('p-names-2', 'Сломаны скамейки в сквере на улице Коллонтай', t0),
      classified('p-names-2', 'landscaping.street_furniture', 0.9, minutes(t0, 1)),
      routed(`${incidentId}-2`, ['p-names-2'], 'spb-kb', minutes(t0, 2), { number: '78-2026-007002', topicCode: 'landscaping.street_furniture' }),
      // An agency the directory does not know keeps its id.
      postReceived('p-names-3', 'Нет света в парадной', t0),
      classified('p-names-3', 'housing.electricity', 0.9, minutes(t0, 1)),
      routed(`${incidentId}-3`, ['p-names-3'], 'spb-unknown', minutes(t0, 2), { number: '78-2026-007003', topicCode: 'housing.electricity' }),
    ];
    const publisher = desk.service.app.get(EventPublisher);
    for (const event of pipeline) {
      const payload = event.envelope.payload as { incidentId?: string; postId?: string };
      await publisher.send(event.topic, event.envelope, payload.incidentId ?? payload.postId ?? 'names');
    }
    await waitFor(
      'desk to have the three incidents',
      async () => {
        const answers = await Promise.all([incidentId, `${incidentId}-2`, `${incidentId}-3`].map((id) => desk.admin.get<IncidentDetail>(`/api/v1/incidents/${id}`)));
        return answers.every((a) => a.status === 200 && a.body.agencyId);
      },
      90_000,
      500,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (router) await closeServer(router);
    await desk?.close();
  });

  it("names each incident's agency, not its id, in the list and on the incident page", async () => {
    const page = await signedInPage(browser, desk.service.baseUrl, 'operator-names', USER_PASSWORD);
    await page.goto(`${desk.service.baseUrl}/#/incidents`);
    await page.getByRole('button', { name: 'Найти' }).click();
    const agencyOf = (number: string) => page.locator('table.incidents tbody tr', { hasText: number }).locator('td.agency');
    await agencyOf('78-2026-007001').filter({ hasText: 'ЖА Невского района' }).waitFor();
    expect(await agencyOf('78-2026-007002').textContent()).toBe('Комитет по благоустройству Санкт-Петербурга');
    expect(await agencyOf('78-2026-007003').textContent()).toBe('spb-unknown');
    await page.screenshot({ path: join(shots, 'agency-names-list.png'), fullPage: true });

    await page.getByRole('link', { name: '78-2026-007001' }).click();
    await page.locator('ol.timeline li[data-type="incident.routed"]', { hasText: 'Направлено в ЖА Невского района' }).waitFor();
    expect(await page.locator('.incident-head').textContent()).toContain('ЖА Невского района');
    expect(await page.locator('.incident-head').textContent()).not.toContain('spb-zha-nevsky');
    await page.screenshot({ path: join(shots, 'agency-names-incident.png'), fullPage: true });
    expect(page.problems).toEqual([]);
    await page.context().close();
  });
});
