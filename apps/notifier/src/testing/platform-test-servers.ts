import { createHash } from 'node:crypto';
import { HttpTestServer, TestAnswer } from './http-test-server';

/** Local VK API: wall.createComment with VK's answer envelope and error codes. */
export class VkApiTestServer {
  readonly http = new HttpTestServer((req) => this.answer(req.path, req.form ?? new URLSearchParams()));
  /** Wall posts per owner id: `-<group>` → post ids. */
  readonly walls = new Map<string, Set<number>>();
  readonly comments: { ownerId: string; postId: number; replyTo?: number; fromGroup?: string; message: string; id: number; guid?: string }[] = [];
  /** Next calls answer VK error 6 (too many requests per second). */
  tooManyRequests = 0;
  private nextId = 500;

  constructor(private readonly token: string) {}

  private answer(path: string, f: URLSearchParams): TestAnswer {
    if (path !== '/method/wall.createComment') return vkError(3, 'Unknown method passed');
    if (f.get('access_token') !== this.token) return vkError(5, 'User authorization failed: invalid access_token (4).');
    if (!f.get('v')) return vkError(8, 'Invalid request: v (version) is required');
    if (this.tooManyRequests > 0) {
      this.tooManyRequests--;
      return vkError(6, 'Too many requests per second');
    }
    const ownerId = f.get('owner_id') ?? '';
    const postId = Number(f.get('post_id'));
    if (!this.walls.get(ownerId)?.has(postId)) return vkError(100, 'One of the parameters specified was missing or invalid: post_id');
    const guid = f.get('guid') ?? undefined;
    const repeat = guid ? this.comments.find((c) => c.guid === guid) : undefined;
    if (repeat) return { json: { response: { comment_id: repeat.id, parents_stack: [] } } };
    const replyTo = f.get('reply_to_comment') ? Number(f.get('reply_to_comment')) : undefined;
    const comment = { ownerId, postId, replyTo, fromGroup: f.get('from_group') ?? undefined, message: f.get('message') ?? '', id: this.nextId++, guid };
    this.comments.push(comment);
    return { json: { response: { comment_id: comment.id, parents_stack: replyTo ? [replyTo] : [] } } };
  }
}

function vkError(code: number, msg: string): TestAnswer {
  return { json: { error: { error_code: code, error_msg: msg, request_params: [] } } };
}

/** Local OK REST API (`/fb.do`): checks the signature the way OK does and adds discussion comments. */
export class OkApiTestServer {
  readonly http = new HttpTestServer((req) => this.answer(req.form ?? new URLSearchParams()));
  readonly topics = new Set<string>();
  readonly comments: { topicId: string; text: string; replyTo?: string; id: string }[] = [];
  private nextId = 9000;

  constructor(
    private readonly applicationKey: string,
    private readonly applicationSecretKey: string,
    private readonly accessToken: string,
    private readonly commentMethod: string,
  ) {}

  private answer(f: URLSearchParams): TestAnswer {
    if (f.get('application_key') !== this.applicationKey) return okError(101, 'PARAM_API_KEY : Application key is invalid');
    if (f.get('access_token') !== this.accessToken) return okError(102, 'PARAM_SESSION_EXPIRED : Session expired');
    if (f.get('sig') !== this.expectedSig(f)) return okError(104, 'PARAM_SIGNATURE : Invalid signature');
    if (f.get('method') !== this.commentMethod) return okError(3, 'METHOD : Method is unknown');
    const topicId = f.get('discussionId') ?? '';
    if (f.get('discussionType') !== 'GROUP_TOPIC' || !this.topics.has(topicId)) return okError(160, 'NOT_FOUND : Discussion not found');
    const id = String(this.nextId++);
    this.comments.push({ topicId, text: f.get('comment') ?? '', replyTo: f.get('reply_to_comment_id') ?? undefined, id });
    return { json: id };
  }

  /** Computed from the received fields independently of the client's code. */
  private expectedSig(f: URLSearchParams): string {
    const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
    const pairs = [...f.entries()].filter(([k]) => k !== 'sig' && k !== 'access_token').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return md5(pairs.map(([k, v]) => `${k}=${v}`).join('') + md5(this.accessToken + this.applicationSecretKey));
  }
}

function okError(code: number, msg: string): TestAnswer {
  return { json: { error_code: code, error_msg: msg, error_data: null } };
}
