import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { PhotoStore } from './photo.store';

/** Largest photo accepted (the body parser refuses bigger bodies before this). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The image type the bytes really are, whatever the client claimed. */
export function sniffImageType(bytes: Buffer): (typeof PHOTO_TYPES)[number] | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface StoredPhoto {
  photoId: string;
  url: string;
  contentType: string;
  size: number;
}

@Injectable()
export class PhotosService {
  constructor(
    private readonly photos: PhotoStore,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /** Stores an uploaded photo; its URL can go into an answer. */
  async store(bytes: unknown, declaredType: string | undefined, principal: Principal): Promise<StoredPhoto> {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      throw DeskError.invalid('body', `send the image bytes with Content-Type ${PHOTO_TYPES.join(', ')}`);
    }
    if (bytes.length > MAX_PHOTO_BYTES) throw DeskError.invalid('body', `larger than ${MAX_PHOTO_BYTES} bytes`);
    const contentType = sniffImageType(bytes);
    if (!contentType) throw DeskError.invalid('body', 'not a JPEG, PNG or WebP image');
    if (declaredType && declaredType.split(';')[0]?.trim() !== contentType) {
      throw DeskError.invalid('Content-Type', `says ${declaredType} but the image is ${contentType}`);
    }
    const photoId = randomUUID();
    await this.photos.add({
      photoId,
      contentType,
      bytes,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: principal.id,
      agencyId: principal.agencyId,
      createdAt: new Date(),
    });
    return { photoId, url: this.urlOf(photoId), contentType, size: bytes.length };
  }

  async read(photoId: string): Promise<{ contentType: string; bytes: Buffer }> {
    const photo = await this.photos.read(photoId);
    if (!photo) throw DeskError.notFound('photo');
    return photo;
  }

  urlOf(photoId: string): string {
    return `${this.config.publicUrl}/media/photos/${photoId}`;
  }
}
