import { Schema } from 'mongoose';
import { TOKEN_ROLES, TokenRole } from '../access/principal';

/** A long-lived credential for another system (a portal, an agency's own software). */
export interface ApiTokenRecord {
  tokenId: string;
  tokenHash: string;
  name: string;
  role: TokenRole;
  agencyId?: string;
  createdBy: string;
  createdAt: Date;
  expiresAt?: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}

export const API_TOKEN_MODEL = 'DeskApiToken';

export const ApiTokenSchema = new Schema<ApiTokenRecord>(
  {
    tokenId: { type: String, required: true, unique: true },
    tokenHash: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: TOKEN_ROLES },
    agencyId: { type: String },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date },
    revokedAt: { type: Date },
    lastUsedAt: { type: Date },
  },
  { collection: 'desk_api_tokens', versionKey: false },
);
