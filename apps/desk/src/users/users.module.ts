import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { USER_MODEL, UserSchema } from './user.schema';
import { MongoUserStore } from './user.mongo';
import { UserStore } from './user.store';
import { UsersService } from './users.service';

/** Users: the people who sign in to the console, their passwords and locks, and the first administrator. */
@Module({
  imports: [MongooseModule.forFeature([{ name: USER_MODEL, schema: UserSchema }])],
  providers: [{ provide: UserStore, useClass: MongoUserStore }, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
