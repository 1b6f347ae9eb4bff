import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '../users/users.module';
import { MongoApiTokenStore } from './api-token.mongo';
import { API_TOKEN_MODEL, ApiTokenSchema } from './api-token.schema';
import { ApiTokenStore } from './api-token.store';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { ServiceTokens } from './service-tokens';
import { MongoSessionStore } from './session.mongo';
import { SESSION_MODEL, SessionSchema } from './session.schema';
import { SessionStore } from './session.store';
import { SessionsService } from './sessions.service';

/** Authentication: console sessions, API tokens, and the tokens desk presents to the other services. */
@Module({
  imports: [
    UsersModule,
    MongooseModule.forFeature([
      { name: SESSION_MODEL, schema: SessionSchema },
      { name: API_TOKEN_MODEL, schema: ApiTokenSchema },
    ]),
  ],
  controllers: [AuthController],
  providers: [{ provide: SessionStore, useClass: MongoSessionStore }, { provide: ApiTokenStore, useClass: MongoApiTokenStore }, SessionsService, ApiTokensService, ServiceTokens],
  exports: [SessionsService, ApiTokensService, ServiceTokens],
})
export class AuthModule {}
