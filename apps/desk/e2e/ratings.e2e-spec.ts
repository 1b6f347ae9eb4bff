import type { Server } from 'node:http';
import { join } from 'node:path';
import { closeServer } from '@otklik/fake-platforms';
import { parseCsvObjects } from '@otklik/csv';
import { EventPublisher } from '@otklik/messaging';
import { DeskClient, waitFor } from '@otklik/testing';
import { Browser } from 'playwright-core';
import { dayIn } from '../src/dashboards/metrics';
import type { QualityReport } from '../src/ratings/ratings.service';
import { DeskUnderTest, startDesk, USER_PASSWORD } from '../src/testing/desk-test-app';
import { answered, answerFlagged, armed, citizenVerdict, Fixture, met, minutes, reopened, returned, routed } from '../src/testing/event-fixtures';
import { launchChromium, screenshotDir, serveAgencyDirectory, signedInPage } from './browser';

const AGENCIES = [
  { id: 'gzhi', name: 'Государственная жилищная инспекция Санкт-Петербурга', shortName: 'ГЖИ', kind: 'regional_executive', territoryCode: '40000000' },
  { id: 'zha-nevsky', name: 'ЖА Невского района', kind: 'district_housing_agency', territoryCode: '40:nevsky' },
];

describe('agency ratings: the report over the broker and the console page (desk + Chromium)', () => {
  let desk: DeskUnderTest;
  let router: Server;
  let browser: Browser;
  let operator: DeskClient;
  let agency: DeskClient;
  const shots = screenshotDir();
  const run = Date.now().toString(36);
  const t0 = new Date(Date.now() - 60 * 60_000);
  const month = dayIn('Europe/Moscow', t0).slice(0, 7);
  const [a, b] = [`${run}1`, `${run}2`];

  beforeAll(async () => {
    const directory = await serveAgencyDirectory(AGENCIES);
    router = directory.server;
    desk = await startDesk('desk-ratings', { env: { DESK_ROUTER_URL: directory.baseUrl, DESK_TIME_ZONE: 'Europe/Moscow' } });
    browser = await launchChromium();
    operator = await desk.user('operator-ratings', 'operator');
    agency = await desk.user('gzhi-ratings', 'agency', 'gzhi');
    // ГЖИ answered on time, was flagged, disputed (its clock reopened: that answer no longer counts as
    // meeting it), answered again on time and was confirmed;
    // ЖА held an incident past its grace before returning it.
    const pipeline: Fixture[] = [
      routed(a, [`p-${a}`], 'gzhi', t0),
      armed(a, 'gzhi', minutes(t0, 240), t0),
      answered(a, `${a}-a1`, 'gzhi', minutes(t0, 10)),
      met(a, 'gzhi', minutes(t0, 240), minutes(t0, 10)),
      answerFlagged(a, `${a}-a1`, 'gzhi', minutes(t0, 11)),
      citizenVerdict(a, 'disputed', 'gzhi', minutes(t0, 20)),
      reopened(a, 'gzhi', minutes(t0, 260), minutes(t0, 20)),
      answered(a, `${a}-a2`, 'gzhi', minutes(t0, 30)),
      met(a, 'gzhi', minutes(t0, 260), minutes(t0, 30)),
      citizenVerdict(a, 'confirmed', 'gzhi', minutes(t0, 40)),
      routed(b, [`p-${b}`], 'zha-nevsky', t0, { topicCode: 'landscaping.snow_ice' }),
      returned(b, 'zha-nevsky', minutes(t0, 50), 60),
    ];
    const publisher = desk.service.app.get(EventPublisher);
    for (const event of pipeline) await publisher.send(event.topic, event.envelope, (event.envelope.payload as { incidentId: string }).incidentId);
    await waitFor(
      'both agencies rated',
      async () => {
        const report = await operator.get<QualityReport>(`/api/v1/ratings?month=${month}`);
        const gzhi = report.body.agencies?.find((r) => r.agencyId === 'gzhi');
        const zha = report.body.agencies?.find((r) => r.agencyId === 'zha-nevsky');
        // Every fact the report is checked for below: each topic's events are handled on their own,
        // so the last one published is not always the last one counted.
        return gzhi?.confirmed === 1 && gzhi.disputed === 1 && gzhi.flagged === 1 && gzhi.reopened === 1 && gzhi.onTime === 1 && zha?.misrouted === 1;
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

  it('rates each agency from its facts of the month, as JSON and as CSV', async () => {
    const report = (await operator.get<QualityReport>(`/api/v1/ratings?month=${month}`)).body;
    expect(report.agencies.find((r) => r.agencyId === 'gzhi')).toEqual({
      agencyId: 'gzhi',
      received: 1,
      answers: 2,
      flagged: 1,
      reopened: 1,
      disputed: 1,
      confirmed: 1,
      misrouted: 0,
      onTime: 1,
      late: 0,
      components: { onTime: 1, substance: 0.5, satisfaction: 0.5, stability: 0.5, routing: 1 },
      // 100 × (0.35·1 + 0.2·0.5 + 0.2·0.5 + 0.15·0.5 + 0.1·1)
      rating: 72.5,
    });
    expect(report.agencies.find((r) => r.agencyId === 'zha-nevsky')).toMatchObject({ received: 1, misrouted: 1, components: { routing: 0 }, rating: 0 });
    const csv = await operator.get<string>(`/api/v1/ratings?month=${month}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsvObjects(csv.body);
    expect(rows.map((r) => r.agency_id)).toEqual(['gzhi', 'zha-nevsky']);
    expect(rows[0]).toMatchObject({ month, rating: '72.5', disputed: '1', confirmed: '1', flagged: '1', on_time_share: '1' });
  });

  it('shows an agency its own line only, and names a bad month', async () => {
    const own = await agency.get<QualityReport>(`/api/v1/ratings?month=${month}`);
    expect(own.body.agencies.map((r) => r.agencyId)).toEqual(['gzhi']);
    const bad = await operator.get<{ message: string }>('/api/v1/ratings?month=2026-13');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('month');
    expect((await desk.client().get('/api/v1/ratings')).status).toBe(401);
  });

  it("shows the rating on the console page: every agency to an operator, its own to the agency; the verdicts in the incident's history", async () => {
    const page = await signedInPage(browser, desk.service.baseUrl, 'operator-ratings', USER_PASSWORD);
    await page.getByRole('link', { name: 'Рейтинг' }).click();
    await page.getByLabel('Месяц').fill(month);
    await page.getByRole('button', { name: 'Показать' }).click();
    const row = (agencyId: string) => page.locator(`table.ratings tr[data-agency="${agencyId}"]`);
    await row('gzhi').waitFor();
    expect(await row('gzhi').locator('td').first().textContent()).toBe('ГЖИ');
    expect(await row('gzhi').locator('td.rating').textContent()).toBe('72,5');
    expect(await row('gzhi').locator('td[data-count="disputed"]').textContent()).toBe('1');
    expect(await row('zha-nevsky').locator('td[data-component="routing"]').textContent()).toMatch(/^0\s?%$/);
    expect(await page.getByRole('link', { name: 'Скачать CSV' }).getAttribute('href')).toBe(`/api/v1/ratings?month=${month}&format=csv`);
    await page.screenshot({ path: join(shots, 'ratings-operator.png'), fullPage: true });
    await page.goto(`${desk.service.baseUrl}/#/incident/${a}`);
    await page.locator('ol.timeline li', { hasText: 'Заявитель оспорил ответ' }).waitFor();
    await page.locator('ol.timeline li', { hasText: 'Заявитель подтвердил решение — обращение закрыто' }).waitFor();
    expect(page.problems).toEqual([]);
    await page.context().close();

    const staff = await signedInPage(browser, desk.service.baseUrl, 'gzhi-ratings', USER_PASSWORD);
    await staff.getByRole('link', { name: 'Рейтинг' }).click();
    await staff.getByLabel('Месяц').fill(month);
    await staff.getByRole('button', { name: 'Показать' }).click();
    await staff.locator('table.ratings tr[data-agency="gzhi"]').waitFor();
    expect(await staff.locator('table.ratings tbody tr').count()).toBe(1);
    await staff.screenshot({ path: join(shots, 'ratings-agency.png'), fullPage: true });
    expect(staff.problems).toEqual([]);
    await staff.context().close();
  });
});
