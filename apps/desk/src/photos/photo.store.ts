import type { PhotoRecord } from './photo.schema';

/** Where answer photos are kept. */
export abstract class PhotoStore {
  /** Keeps an uploaded photo. */
  abstract add(photo: PhotoRecord): Promise<void>;
  /** The photo's type and bytes, or undefined. */
  abstract read(photoId: string): Promise<{ contentType: string; bytes: Buffer } | undefined>;
}
