import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PHOTO_MODEL, PhotoSchema } from './photo.schema';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';

/** Photos attached to answers: uploaded by agencies, published to citizens. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PHOTO_MODEL, schema: PhotoSchema }])],
  controllers: [PhotosController],
  providers: [PhotosService],
})
export class PhotosModule {}
