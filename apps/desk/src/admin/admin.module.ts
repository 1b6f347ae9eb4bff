import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { UsersController } from './users.controller';

/** Administration: users and API tokens managed by administrators. */
@Module({
  imports: [UsersModule, AuthModule],
  controllers: [UsersController],
})
export class AdminModule {}
