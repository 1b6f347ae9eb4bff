import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { DeliveryLogModule } from './delivery-log/delivery-log.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { EmailModule } from './email/email.module';
import { NoticesModule } from './notices/notices.module';
import { PreferencesModule } from './preferences/preferences.module';
import { ProjectionModule } from './projection/projection.module';
import { ReplyBackModule } from './reply-back/reply-back.module';
import { SurgeModule } from './surge/surge.module';
import { TelegramModule } from './telegram/telegram.module';
import { WebhookModule } from './webhook/webhook.module';

/** The notifier service: notices to agencies and operators, reply-back to citizens, their channels and deliveries. */
@Module({
  imports: [
    PlatformModule.forRoot('notifier'),
    ProjectionModule,
    NoticesModule,
    SurgeModule,
    ReplyBackModule,
    PreferencesModule,
    DispatchModule,
    DeliveryLogModule,
    EmailModule,
    TelegramModule,
    WebhookModule,
  ],
})
export class AppModule {}
