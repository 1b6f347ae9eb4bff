import { Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Channel } from '@otklik/contracts';
import { EventPublisher } from '@otklik/messaging';
import { LOGGER } from '@otklik/platform';
import { Connection } from 'mongoose';
import { Logger } from 'pino';
import { AnswerQualityService } from './answer-quality/answer-quality.service';
import { notifierConfig, NotifierConfig } from './config/notifier.config';
import { ChannelSender } from './delivery/delivery.types';
import { MongoDeliveryStore } from './delivery-log/delivery-log.mongo';
import { DigestService } from './digest/digest.service';
import { DeliveryService } from './dispatch/delivery.service';
import { NotifyService, OperatorDesk } from './dispatch/notify.service';
import { OutcomeReporter } from './dispatch/outcome.reporter';
import { RetryPolicy } from './dispatch/retry-policy';
import { EmailChannel } from './email/email.channel';
import { Contact } from './preferences/preferences';
import { PreferencesStore } from './preferences/preferences.store';
import { IncidentBoard } from './projection/incident-board.store';
import { OkReplyChannel } from './reply-back/ok-api.client';
import { ReplyBackService } from './reply-back/reply-back.service';
import { VkReplyChannel } from './reply-back/vk-wall.client';
import { SurgeNoticeService } from './surge/surge-notice.service';
import { SurgeStore } from './surge/surge.store';
import { TelegramBotClient } from './telegram/telegram-bot.client';
import { TelegramChannel } from './telegram/telegram.channel';
import { WebhookEndpoint } from './webhook/webhook-endpoint.store';
import { MongoWebhookEndpointStore } from './webhook/webhook-endpoint.mongo';
import { WebhookChannel } from './webhook/webhook.channel';

/** Alerts raised by channels, answered once NotifyService exists (it depends on the channels). */
export class OperatorAlerts {
  notify?: NotifyService;

  async webhookDisabled(endpoint: WebhookEndpoint, lastError: string): Promise<void> {
    await this.notify?.notifyOperators(
      { eventId: `webhook-disabled:${endpoint.id}:g${endpoint.generation ?? 0}`, urgency: 'high' },
      { kind: 'webhook.disabled', endpointId: endpoint.id, agencyId: endpoint.agencyId, url: endpoint.url, lastError },
    );
  }
}

/** Senders for the channels that are configured; an unconfigured channel fails its deliveries with a clear error. */
export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');

function operatorDesk(config: NotifierConfig): OperatorDesk {
  const contacts: Contact[] = [
    ...config.operators.emails.map((address, i) => ({ id: `email-${i}`, channel: 'email' as const, address, role: 'staff' as const })),
    ...config.operators.telegramChats.map((address, i) => ({ id: `telegram-${i}`, channel: 'telegram' as const, address, role: 'staff' as const })),
  ];
  return { contacts, locale: config.operators.locale, timeZone: config.operators.timeZone };
}

const connection = getConnectionToken();

export const NOTIFIER_PROVIDERS: Provider[] = [
  OperatorAlerts,
  { provide: MongoDeliveryStore, inject: [connection], useFactory: (c: Connection) => new MongoDeliveryStore(c) },
  { provide: PreferencesStore, inject: [connection], useFactory: (c: Connection) => new PreferencesStore(c) },
  { provide: MongoWebhookEndpointStore, inject: [connection], useFactory: (c: Connection) => new MongoWebhookEndpointStore(c) },
  {
    provide: IncidentBoard,
    inject: [connection, notifierConfig.KEY],
    useFactory: (c: Connection, config: NotifierConfig) => new IncidentBoard(c, config.deskUrl),
  },
  {
    provide: CHANNEL_SENDERS,
    inject: [notifierConfig.KEY, MongoWebhookEndpointStore, OperatorAlerts],
    useFactory: (config: NotifierConfig, endpoints: MongoWebhookEndpointStore, alerts: OperatorAlerts): Map<Channel, ChannelSender> => {
      const senders: ChannelSender[] = [new EmailChannel(config.smtp), new WebhookChannel(endpoints, { ...config.webhook, onEndpointDisabled: (e, err) => alerts.webhookDisabled(e, err) })];
      if (config.telegram) senders.push(new TelegramChannel(new TelegramBotClient(config.telegram)));
      if (config.vk) senders.push(new VkReplyChannel(config.vk));
      if (config.ok) senders.push(new OkReplyChannel(config.ok));
      return new Map(senders.map((s) => [s.channel, s]));
    },
  },
  {
    provide: OutcomeReporter,
    inject: [MongoDeliveryStore, EventPublisher, LOGGER],
    useFactory: (store: MongoDeliveryStore, publisher: EventPublisher, logger: Logger) => new OutcomeReporter(store, publisher, logger),
  },
  {
    provide: DeliveryService,
    inject: [MongoDeliveryStore, CHANNEL_SENDERS, OutcomeReporter, notifierConfig.KEY],
    useFactory: (store: MongoDeliveryStore, senders: Map<Channel, ChannelSender>, reporter: OutcomeReporter, config: NotifierConfig) =>
      new DeliveryService(store, senders, new RetryPolicy(), reporter, { leaseMs: config.leaseMs }),
  },
  {
    provide: NotifyService,
    inject: [DeliveryService, PreferencesStore, OperatorAlerts, notifierConfig.KEY],
    useFactory: (deliveries: DeliveryService, prefs: PreferencesStore, alerts: OperatorAlerts, config: NotifierConfig) => {
      const notify = new NotifyService(deliveries, prefs, operatorDesk(config));
      alerts.notify = notify;
      return notify;
    },
  },
  {
    provide: AnswerQualityService,
    inject: [notifierConfig.KEY],
    useFactory: (config: NotifierConfig) => new AnswerQualityService({ holdFlagged: config.holdFlaggedAnswers }),
  },
  {
    provide: ReplyBackService,
    inject: [DeliveryService, AnswerQualityService, IncidentBoard],
    useFactory: (deliveries: DeliveryService, quality: AnswerQualityService, board: IncidentBoard) => new ReplyBackService(deliveries, quality, (n) => board.link(n)),
  },
  { provide: DigestService, inject: [IncidentBoard], useFactory: (board: IncidentBoard) => new DigestService(board) },
  { provide: SurgeStore, inject: [connection], useFactory: (c: Connection) => new SurgeStore(c) },
  {
    provide: SurgeNoticeService,
    inject: [NotifyService, IncidentBoard, SurgeStore],
    useFactory: (notify: NotifyService, board: IncidentBoard, surges: SurgeStore) => new SurgeNoticeService(notify, board, surges),
  },
];
