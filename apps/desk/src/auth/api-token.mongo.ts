import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { API_TOKEN_MODEL, ApiTokenRecord } from './api-token.schema';
import { ApiTokenStore } from './api-token.store';

/** API tokens in the `desk_api_tokens` collection (unique id and secret hash). */
@Injectable()
export class MongoApiTokenStore implements ApiTokenStore {
  constructor(@InjectModel(API_TOKEN_MODEL) private readonly tokens: Model<ApiTokenRecord>) {}

  async add(token: ApiTokenRecord): Promise<ApiTokenRecord> {
    return (await this.tokens.create(token)).toObject();
  }

  list(limit: number): Promise<ApiTokenRecord[]> {
    return this.tokens.find().sort({ createdAt: -1 }).limit(limit).lean<ApiTokenRecord[]>().exec();
  }

  findById(tokenId: string): Promise<ApiTokenRecord | null> {
    return this.tokens.findOne({ tokenId }).lean<ApiTokenRecord>().exec();
  }

  findByTokenHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    return this.tokens.findOne({ tokenHash }).lean<ApiTokenRecord>().exec();
  }

  revoke(tokenId: string, at: Date): Promise<ApiTokenRecord | null> {
    return this.tokens
      .findOneAndUpdate({ tokenId, revokedAt: { $exists: false } }, { $set: { revokedAt: at } }, { new: true })
      .lean<ApiTokenRecord>()
      .exec();
  }

  async touch(tokenId: string, lastUsedAt: Date): Promise<void> {
    await this.tokens.updateOne({ tokenId }, { $set: { lastUsedAt } });
  }
}
