import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@otklik/contracts';
import { DeskClient, waitFor } from '@otklik/testing';
import { FAST_TOPIC_CODE, OK_GROUP, payloadOf, PipelineWorld, TG_CHANNEL, TG_GROUP, traceIdOf, VK_OWNER } from './pipeline-world';

jest.setTimeout(600000);

const now = () => Math.floor(Date.now() / 1000);

interface ClockView {
  phase: string;
  agencyId: string;
  policy: string;
  dueAt?: string;
  startedAt: string;
  workingMinutes: number;
  status: string;
}
interface IncidentView {
  incidentId: string;
  number: string;
  state: string;
  open: boolean;
  topic?: string;
  agencyId?: string;
  postIds: string[];
  clocks: ClockView[];
}
type Payload = Record<string, unknown>;

/**
 * The whole system as one: the six services as separate processes, started as `npm start` starts
 * them, on the real broker and database; posts come from VK-, Telegram- and OK-shaped APIs, the
 * intake and Open311, and leave as e-mail (a real SMTP server), webhook calls and replies under
 * the citizens' posts.
 */
describe('a citizen post from the platforms to the agency and back', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'otklik-e2e-'));
  const world = new PipelineWorld(workDir);
  let kei: DeskClient;
  let zha: DeskClient;

  const incidentOfPost = (postId: string) => world.event(TOPICS.incidentRouted, (p) => (p.postIds as string[]).includes(postId));
  const incident = async (id: string) => (await world.admin.get<IncidentView>(`/api/v1/incidents/${id}`)).body;

  beforeAll(async () => {
    await world.start();
    await world.registerSources();
    await Promise.all(['spb-kei', 'spb-ckb', 'spb-zha-nevsky', 'spb-adm-nevsky'].map((agency) => world.subscribe(agency)));
    [kei, zha] = await Promise.all([world.agencyClerk('spb-kei'), world.agencyClerk('spb-zha-nevsky')]);
    // The post whose clock is shortened to a minute goes in first, so its deadline passes while the others run.
    await world.call(
      'ingest',
      'POST',
      '/v1/posts',
      [
        {
          sourceId: 'intake-nevsky',
          externalId: 'road-1',
          author: { id: 'citizen-road' },
          text: 'Огромная яма на дороге у остановки на проспекте Обуховской Обороны, машины бьются',
          createdAt: new Date().toISOString(),
        },
      ],
      'integration',
    );
  });

  afterAll(async () => {
    await world.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('routes a VK post to the responsible agency, times it, notifies it, and publishes its answer under the post and under a later post about the same problem', async () => {
    world.vk.addPost(VK_OWNER, { id: 11, date: now(), from_id: 5011, text: 'Не горит уличный фонарь у дома 12 на Народной улице, вечером идти страшно' });
    const received = await world.received(`${VK_OWNER}_11`);
    const postId = payloadOf<{ postId: string }>(received).postId;
    const classified = await world.event(TOPICS.incidentClassified, (p) => p.postId === postId);
    const routed = await incidentOfPost(postId);
    const route = payloadOf<{ incidentId: string; number: string; topicCode: string; agencyId: string; regime?: string }>(routed);
    expect(payloadOf<{ topicCode: { label: string } }>(classified).topicCode.label).toBe('landscaping.lighting');
    expect(route).toMatchObject({ topicCode: 'landscaping.lighting', agencyId: 'spb-kei' });
    expect(route.regime ?? 'social_post').toBe('social_post');

    const armed = payloadOf<{ dueAt: string; policy: string; workingMinutes: number }>(await world.event(TOPICS.slaArmed, (p) => p.incidentId === route.incidentId));
    expect(armed).toMatchObject({ policy: 'social-post@1', workingMinutes: 240 });
    const view = await waitFor('desk shows the running clock', async () => {
      const found = await incident(route.incidentId);
      return found?.clocks?.length ? found : undefined;
    });
    expect(view).toMatchObject({ number: route.number, topicCode: 'landscaping.lighting', agencyId: 'spb-kei', state: 'routed' });
    expect(view.clocks[0]).toMatchObject({ status: 'running', dueAt: armed.dueAt, agencyId: 'spb-kei' });
    // Four working hours never end sooner than four hours after the start.
    expect(Date.parse(armed.dueAt) - Date.parse(view.clocks[0].startedAt)).toBeGreaterThanOrEqual(4 * 3600_000);

    const mail = await waitFor('the agency is told by e-mail', async () => (await world.mailTo('duty@spb-kei.test')).find((m) => m.subject.includes(route.number)));
    // The notice's link opens the incident's page in the console.
    const link = /https?:\/\/\S+\/incidents\/\S+/.exec(mail.text)?.[0];
    expect(link).toBe(`${world.stack.url('desk')}/incidents/${route.number}`);
    const opened = await fetch(link ?? '', { redirect: 'manual' });
    expect([opened.status, opened.headers.get('location')]).toEqual([302, `/#/incident/${route.number}`]);
    expect((await world.admin.get<IncidentView>(`/api/v1/incidents/${route.number}`)).body.incidentId).toBe(route.incidentId);
    await waitFor('the agency is told through its webhook', () => world.webhook.calls.some((c) => JSON.stringify(c.body).includes(route.number)));
    expect(world.webhook.calls.filter((c) => JSON.stringify(c.body).includes(route.number)).every((c) => c.signatureValid)).toBe(true);

    // A second citizen writes about the same lamp: the post joins the incident instead of opening another.
    world.vk.addPost(VK_OWNER, { id: 12, date: now(), from_id: 5012, text: 'Фонарь у дома 12 на Народной улице до сих пор не горит, во дворе темно' });
    const secondPostId = payloadOf<{ postId: string }>(await world.received(`${VK_OWNER}_12`)).postId;
    const joined = payloadOf<{ incidentId: string; postIds: string[] }>(await world.event(TOPICS.incidentPostAttached, (p) => p.postId === secondPostId));
    expect(joined).toMatchObject({ incidentId: route.incidentId, postIds: [postId, secondPostId] });
    expect(world.events(TOPICS.incidentRouted, (p) => (p.postIds as string[]).includes(secondPostId))).toHaveLength(0);
    await waitFor('desk shows both posts of the incident', async () => (await incident(route.incidentId)).postIds.length === 2 || undefined);

    const answered = await kei.post(`/api/v1/incidents/${route.incidentId}/answers`, {
      kind: 'final',
      text: 'Светильник у дома 12 по Народной улице заменён 6 декабря, освещение восстановлено. Бригада проверила соседние опоры.',
    });
    expect(answered.status).toBeLessThan(300);
    // The answer is published under every original post of the incident, each once.
    const replies = await Promise.all([postId, secondPostId].map((id) => world.event(TOPICS.replyPublished, (p) => p.postId === id)));
    expect(replies.map((r) => payloadOf(r))).toEqual([expect.objectContaining({ platform: 'vk' }), expect.objectContaining({ platform: 'vk' })]);
    const answerPosted = world.vk.posted.filter((c) => c.ownerId === VK_OWNER && c.message.includes('Светильник'));
    expect(answerPosted.map((c) => c.postId).sort()).toEqual([11, 12]);
    const met = await world.event(TOPICS.slaMet, (p) => p.incidentId === route.incidentId);
    expect(payloadOf(met)).toMatchObject({ agencyId: 'spb-kei' });
    await waitFor('desk shows the clock met and the incident answered', async () => {
      const found = await incident(route.incidentId);
      return found.state === 'answered' && found.clocks.some((c) => c.status === 'met');
    });

    // One trace from the platform's post to the agency's notice.
    const notice = await world.event(TOPICS.notificationSent, (p) => p.incidentId === route.incidentId);
    const hops = [received, classified, routed, await world.event(TOPICS.slaArmed, (p) => p.incidentId === route.incidentId), notice];
    const traceOf = (messages: typeof hops) => Object.fromEntries(messages.map((m) => [m.topic, traceIdOf(m)]));
    expect(traceOf(hops)).toEqual(traceOf(hops.map(() => received).map((m, i) => ({ ...m, topic: hops[i].topic }))));
    expect(traceIdOf(received)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes posts from a Telegram channel and an OK group into incidents of the agencies concerned', async () => {
    // The administration posts in its channel; a citizen answers in the linked discussion group.
    const date = now();
    world.telegram.push({ channel_post: { message_id: 21, date, chat: TG_CHANNEL, sender_chat: TG_CHANNEL, text: 'График вывоза отходов на декабрь' } } as never);
    world.telegram.push({
      message: {
        message_id: 501,
        date,
        chat: TG_GROUP,
        from: { id: 777000, is_bot: false, first_name: 'Telegram' },
        sender_chat: TG_CHANNEL,
        is_automatic_forward: true,
        forward_origin: { type: 'channel', date, chat: TG_CHANNEL, message_id: 21 },
        text: 'График вывоза отходов на декабрь',
      },
    } as never);
    world.telegram.push({
      message: {
        message_id: 502,
        date,
        chat: TG_GROUP,
        from: { id: 4242, is_bot: false, first_name: 'Ольга' },
        message_thread_id: 501,
        reply_to_message: { message_id: 501, date, chat: TG_GROUP },
        text: 'Мусор не вывозят с контейнерной площадки на улице Седова уже две недели, крысы бегают',
      },
    } as never);
    world.ok.addTopic(OK_GROUP, {
      id: '31',
      created_ms: Date.now(),
      author_ref: 'user:3101',
      media: [{ type: 'text', text: 'Во дворе дома 5 по улице Седова уже неделю нет горячей воды, батареи холодные' }],
    });
    const fromPlatform = (platform: string) => world.event(TOPICS.postReceived, (p) => p.platform === platform && p.author !== undefined && !(p.author as { isCommunity?: boolean }).isCommunity);
    const [tg, ok] = await Promise.all([fromPlatform('telegram'), fromPlatform('ok')]);
    const waste = payloadOf<{ topicCode: string; agencyId: string }>(await incidentOfPost(payloadOf<{ postId: string }>(tg).postId));
    const water = payloadOf<{ topicCode: string; agencyId: string; urgency: string; coExecutorIds: string[] }>(await incidentOfPost(payloadOf<{ postId: string }>(ok).postId));
    expect(waste).toMatchObject({ topicCode: 'waste.containers', agencyId: 'spb-zha-nevsky' });
    expect(water).toMatchObject({ topicCode: 'housing.water_supply', agencyId: 'spb-zha-nevsky', urgency: 'emergency', coExecutorIds: ['spb-adm-nevsky'] });
  });

  it('dismisses a post that is not a complaint and shows it to operators', async () => {
    await world.call(
      'ingest',
      'POST',
      '/v1/posts',
      [
        {
          sourceId: 'intake-nevsky',
          externalId: 'thanks-1',
          author: { id: 'citizen-thanks' },
          text: 'Спасибо за прекрасный праздник в парке! Всё было замечательно',
          createdAt: new Date().toISOString(),
        },
      ],
      'integration',
    );
    const received = await world.received('thanks-1');
    const postId = payloadOf<{ postId: string }>(received).postId;
    const dismissed = await world.event(TOPICS.postDismissed, (p) => p.postId === postId);
    expect(payloadOf(dismissed)).toMatchObject({ kind: { label: 'thanks' } });
    const listed = await waitFor('operators see the dismissed post', async () => {
      const page = await world.admin.get<{ items: { postId: string; reason: string }[] }>('/api/v1/posts/dismissed?limit=50');
      return page.body.items?.find((item) => item.postId === postId);
    });
    expect(listed.reason).toBe('kind:thanks');
  });

  it('sends a returned incident on to the next agency and re-arms its clock there', async () => {
    const waste = await waitFor('the waste incident', () => world.events(TOPICS.incidentRouted, (p) => p.topicCode === 'waste.containers')[0]);
    const { incidentId } = payloadOf<{ incidentId: string }>(waste);
    const returned = await zha.post(`/api/v1/incidents/${incidentId}/return`, { reason: 'Вывоз отходов с этой площадки — зона регионального оператора, не ЖА' });
    expect(returned.status).toBeLessThan(300);
    const next = await world.event(TOPICS.incidentRerouted, (p) => p.incidentId === incidentId);
    const { agencyId } = payloadOf<{ agencyId: string }>(next);
    expect(agencyId).not.toBe('spb-zha-nevsky');
    await waitFor('the clock follows the incident', () => world.events(TOPICS.slaArmed, (p) => p.incidentId === incidentId && p.agencyId === agencyId).length > 0 || undefined);
    let seen: IncidentView | undefined;
    const view = await waitFor('desk shows the new agency', async () => {
      seen = await incident(incidentId);
      return seen.agencyId === agencyId ? seen : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; desk shows ${JSON.stringify({ state: seen?.state, agencyId: seen?.agencyId })}, rerouted to ${agencyId}`);
    });
    expect(view.state).toBe('rerouted');
    // The clerk of the agency that gave it back no longer sees it.
    expect((await zha.get(`/api/v1/incidents/${incidentId}`)).status).toBe(404);
  });

  it('lets a passed deadline fire the breach and escalate to the agency head', async () => {
    const received = await world.received('road-1');
    const { incidentId, number, agencyId } = payloadOf<{ incidentId: string; number: string; agencyId: string }>(await incidentOfPost(payloadOf<{ postId: string }>(received).postId));
    expect(payloadOf(await world.event(TOPICS.slaArmed, (p) => p.incidentId === incidentId))).toMatchObject({ policy: 'e2e-fast-roads@1', topicCode: FAST_TOPIC_CODE });
    await world.event(TOPICS.slaWarning, (p) => p.incidentId === incidentId, 120000);
    await world.event(TOPICS.slaBreached, (p) => p.incidentId === incidentId, 120000);
    const escalated = await world.event(TOPICS.slaEscalated, (p) => p.incidentId === incidentId, 120000);
    expect(payloadOf(escalated)).toMatchObject({ level: 1 });
    await waitFor('the head hears of the breach', async () => (await world.mailTo(`head@${agencyId}.test`)).some((m) => m.subject.includes(number)), 60000);
    await waitFor('desk shows the clock breached', async () => (await incident(incidentId)).clocks.some((c) => c.status === 'breached'));
    // Exactly one breach for the one deadline.
    expect(world.events(TOPICS.slaBreached, (p: Payload) => p.incidentId === incidentId)).toHaveLength(1);
  });

  it('closes an Open311 request once the agency has answered it', async () => {
    const token = await world.admin.post<{ secret: string }>('/api/v1/api-tokens', { name: 'Портал «Наш район»', role: 'integration' });
    expect(token.status).toBe(201);
    const services = await fetch(`${world.stack.url('desk')}/open311/v2/services.json`);
    const lighting = ((await services.json()) as { service_code: string }[]).find((s) => s.service_code === 'landscaping.lighting');
    expect(lighting).toBeDefined();
    const form = new URLSearchParams({
      api_key: token.body.secret,
      service_code: 'landscaping.lighting',
      address_string: 'Санкт-Петербург, Невский район, ул. Бабушкина, 40',
      description: 'Во дворе дома 40 по улице Бабушкина в Невском районе третий вечер не горят фонари',
      lat: '59.885',
      long: '30.430',
    });
    const posted = await fetch(`${world.stack.url('desk')}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(posted.status).toBe(201);
    const [{ token: requestToken }] = (await posted.json()) as { token: string }[];
    const requestId = await waitFor(
      'Open311 names the request',
      async () => {
        const answer = await fetch(`${world.stack.url('desk')}/open311/v2/tokens/${requestToken}.json`);
        const [found] = (await answer.json()) as { service_request_id?: string }[];
        return found?.service_request_id;
      },
      90000,
    );
    const routed = await world.event(TOPICS.incidentRouted, (p) => p.number === requestId);
    const { incidentId, agencyId } = payloadOf<{ incidentId: string; agencyId: string }>(routed);
    const clerk = agencyId === 'spb-kei' ? kei : await world.agencyClerk(agencyId);
    const answered = await clerk.post(`/api/v1/incidents/${incidentId}/answers`, { kind: 'final', text: 'Заменены два светильника во дворе дома 40 по улице Бабушкина, освещение работает.' });
    expect(answered.status).toBeLessThan(300);
    const request = await waitFor(
      'Open311 shows the request closed',
      async () => {
        const answer = await fetch(`${world.stack.url('desk')}/open311/v2/requests/${requestId}.json`);
        const [found] = (await answer.json()) as { status: string; status_notes?: string }[];
        return found?.status === 'closed' ? found : undefined;
      },
      60000,
    );
    expect(request.status).toBe('closed');
  });
});
