import type { Update } from '@grammyjs/types';
import { secretsEqual } from '../connectors/secret-compare';
import type { CheckpointStore } from '../sources/checkpoint.store';
import type { RecordResult } from '../posts/post.model';
import type { PostRecorderService } from '../posts/post-recorder.service';
import type { CredentialResolver } from '../sources/credentials';
import type { SourceDirectory } from '../sources/source-directory';
import { telegramDraft, TelegramThreads } from './telegram.mapper';

/** The answer for Telegram: anything but 2xx is retried by Telegram. */
export interface WebhookReply {
  status: number;
  body: string;
  result?: RecordResult;
}

/**
 * Bot API webhook receiver. The secret token set with setWebhook comes back in the
 * X-Telegram-Bot-Api-Secret-Token header and is compared in constant time; the update is recorded
 * before the 200, so Telegram's retries cover a crash.
 */
export class TelegramWebhookService {
  constructor(
    private readonly sources: SourceDirectory,
    private readonly credentials: CredentialResolver,
    private readonly recorder: PostRecorderService,
    private readonly checkpoints: CheckpointStore,
  ) {}

  async handle(sourceId: string, secretHeader: string | undefined, body: unknown): Promise<WebhookReply> {
    const source = await this.sources.byId(sourceId);
    if (!source || source.platform !== 'telegram') return { status: 404, body: `sourceId: no Telegram source ${sourceId}` };
    if (!source.callbackSecretRef || !this.credentials.isPresent(source.callbackSecretRef)) {
      return { status: 503, body: 'webhook secret is not configured' };
    }
    if (!secretsEqual(secretHeader, this.credentials.resolve(source.callbackSecretRef))) {
      return { status: 403, body: 'X-Telegram-Bot-Api-Secret-Token: does not match' };
    }
    if (typeof body !== 'object' || body === null || typeof (body as Update).update_id !== 'number') {
      return { status: 400, body: 'update_id: must be a number' };
    }
    const siblings = await this.sources.byCredential('telegram', source.credentialRef ?? '');
    const key = `telegram-threads:${source.credentialRef ?? source.id}`;
    const saved = (await this.checkpoints.load(key)) as Record<string, string> | undefined;
    const threads = new TelegramThreads(saved);
    const draft = telegramDraft(body as Update, siblings.length > 0 ? siblings : [source], threads);
    if (threads.changed) await this.checkpoints.save(key, threads.toJSON());
    if (!draft) return { status: 200, body: 'ignored' };
    return { status: 200, body: 'ok', result: await this.recorder.record({ kind: 'post', draft }) };
  }
}
