import { Schema } from 'mongoose';

/** A photo attached to an agency's answer; public once its URL is published with the answer. */
export interface PhotoRecord {
  photoId: string;
  contentType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
  uploadedBy: string;
  agencyId?: string;
  createdAt: Date;
}

export const PHOTO_MODEL = 'DeskPhoto';

export const PhotoSchema = new Schema<PhotoRecord>(
  {
    photoId: { type: String, required: true, unique: true },
    contentType: { type: String, required: true },
    bytes: { type: Buffer, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedBy: { type: String, required: true },
    agencyId: String,
    createdAt: { type: Date, required: true },
  },
  { collection: 'desk_photos', versionKey: false },
);
