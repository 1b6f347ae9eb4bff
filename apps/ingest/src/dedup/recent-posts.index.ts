import type { AuthorActivitySource } from '../spam/spam-filter.service';
import type { DuplicateCandidate, DuplicateCandidateSource } from './near-duplicate.service';

/** What the index keeps of a post. */
export interface RecentPost {
  postId: string;
  authorPseudonym: string;
  createdAt: Date;
  /** Only published posts with a signature are near-duplicate candidates. */
  candidate?: { signature: string; bands: string[]; geo?: { lat: number; lon: number }; duplicateOf?: string };
}

/**
 * The recent posts (by creation time) that near-duplicate linking and the flood filter compare
 * against, kept in memory: on FerretDB a query on an array field or with `$in` scans the whole
 * collection, which made each new post cost seconds. The index is filled from the database at
 * start and by the recorder on every write; entries older than the window are dropped. It assumes
 * one ingest process per database, as the polling scheduler does.
 */
export class RecentPostsIndex implements DuplicateCandidateSource, AuthorActivitySource {
  private readonly posts = new Map<string, RecentPost>();
  private readonly byBand = new Map<string, Set<string>>();
  private readonly byAuthor = new Map<string, Set<string>>();
  private oldestKept = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds or updates a post (an edit may change its signature). */
  add(post: RecentPost): void {
    if (post.createdAt.getTime() < this.now().getTime() - this.windowMs) return;
    this.remove(post.postId);
    this.posts.set(post.postId, post);
    this.link(this.byAuthor, post.authorPseudonym, post.postId);
    for (const band of post.candidate?.bands ?? []) this.link(this.byBand, band, post.postId);
    this.evictSometimes();
  }

  /** Number of posts kept. */
  get size(): number {
    return this.posts.size;
  }

  async nearDuplicateCandidates(bands: string[], from: Date, to: Date, limit: number): Promise<DuplicateCandidate[]> {
    const found: DuplicateCandidate[] = [];
    const seen = new Set<string>();
    for (const band of bands) {
      for (const id of this.byBand.get(band) ?? []) {
        const post = this.posts.get(id);
        if (seen.has(id) || !post?.candidate || post.createdAt < from || post.createdAt > to) continue;
        seen.add(id);
        found.push({ postId: id, signature: post.candidate.signature, createdAt: post.createdAt, geo: post.candidate.geo, duplicateOf: post.candidate.duplicateOf });
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  async countByAuthorSince(authorPseudonym: string, since: Date, excludePostId: string): Promise<number> {
    let count = 0;
    for (const id of this.byAuthor.get(authorPseudonym) ?? []) if (id !== excludePostId && (this.posts.get(id)?.createdAt ?? since) >= since) count += 1;
    return count;
  }

  private link(map: Map<string, Set<string>>, key: string, id: string): void {
    const set = map.get(key) ?? new Set<string>();
    set.add(id);
    map.set(key, set);
  }

  private unlink(map: Map<string, Set<string>>, key: string, id: string): void {
    const set = map.get(key);
    set?.delete(id);
    if (set?.size === 0) map.delete(key);
  }

  private remove(postId: string): void {
    const old = this.posts.get(postId);
    if (!old) return;
    this.posts.delete(postId);
    this.unlink(this.byAuthor, old.authorPseudonym, postId);
    for (const band of old.candidate?.bands ?? []) this.unlink(this.byBand, band, postId);
  }

  /** Drops expired entries at most once a minute: a full pass is cheap but not free. */
  private evictSometimes(): void {
    const now = this.now().getTime();
    if (now - this.oldestKept < 60_000) return;
    this.oldestKept = now;
    for (const [id, post] of this.posts) if (post.createdAt.getTime() < now - this.windowMs) this.remove(id);
  }
}
