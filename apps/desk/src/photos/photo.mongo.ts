import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PHOTO_MODEL, PhotoRecord } from './photo.schema';
import { PhotoStore } from './photo.store';

/** Answer photos in the `desk_photos` collection, the bytes in the document. */
@Injectable()
export class MongoPhotoStore implements PhotoStore {
  constructor(@InjectModel(PHOTO_MODEL) private readonly photos: Model<PhotoRecord>) {}

  async add(photo: PhotoRecord): Promise<void> {
    await this.photos.create(photo);
  }

  async read(photoId: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
    const photo = await this.photos.findOne({ photoId }).lean<PhotoRecord>();
    if (!photo) return undefined;
    // A lean read gives the driver's Binary, whose `buffer` holds exactly the stored bytes.
    const stored: unknown = photo.bytes;
    const bytes = Buffer.isBuffer(stored) ? stored : Buffer.from((stored as { buffer: Uint8Array }).buffer);
    return { contentType: photo.contentType, bytes };
  }
}
