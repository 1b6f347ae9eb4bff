import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MongoPhotoStore } from './photo.mongo';
import { PHOTO_MODEL, PhotoSchema } from './photo.schema';
import { PhotoStore } from './photo.store';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';

/** Photos attached to answers: uploaded by agencies, published to citizens. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PHOTO_MODEL, schema: PhotoSchema }])],
  controllers: [PhotosController],
  providers: [{ provide: PhotoStore, useClass: MongoPhotoStore }, PhotosService],
})
export class PhotosModule {}
