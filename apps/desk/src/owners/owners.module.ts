import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OwnerClient } from './owner-client';

/** Calls to the services that own the data desk shows or changes, on behalf of the asking person. */
@Module({
  imports: [AuthModule],
  providers: [OwnerClient],
  exports: [OwnerClient],
})
export class OwnersModule {}
