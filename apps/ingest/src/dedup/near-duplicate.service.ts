import { matchingWords } from '../normalisation/text';
import { minhash, minhashBands, minhashSimilarity } from './minhash';

/** A published post that a new one may repeat. */
export interface DuplicateCandidate {
  postId: string;
  signature: string;
  createdAt: Date;
  geo?: { lat: number; lon: number };
  /** Set when the candidate itself repeats an earlier post. */
  duplicateOf?: string;
}

/** Where candidates come from: published posts sharing a band, created in [from, to]. */
export interface DuplicateCandidateSource {
  nearDuplicateCandidates(bands: string[], from: Date, to: Date, limit: number): Promise<DuplicateCandidate[]>;
}

/** Tuning of near-duplicate linking. */
export interface NearDuplicateOptions {
  /** How far apart in time a repost is still linked to the first post. */
  windowMs: number;
  /** Smallest estimated similarity counted as the same text. */
  minSimilarity: number;
  /** Texts with fewer words are not compared: «Нет воды» from two streets are two problems. */
  minWords: number;
  /** Posts that both carry coordinates further apart than this are different problems. */
  maxGeoDistanceM: number;
}

/** Defaults: two days, 0.6 similarity, 6 words, 1 km. */
export const DEFAULT_NEAR_DUPLICATE_OPTIONS: NearDuplicateOptions = {
  windowMs: 48 * 3600_000,
  minSimilarity: 0.6,
  minWords: 6,
  maxGeoDistanceM: 1000,
};

/** The MinHash of a text and its index bands; none for a text too short to compare. */
export interface TextFingerprint {
  signature?: string;
  bands: string[];
}

/** What is compared of a new post. */
export interface DuplicateProbe {
  fingerprint: TextFingerprint;
  createdAt: Date;
  geo?: { lat: number; lon: number };
  excludePostId: string;
}

function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * Links a copy-pasted or reposted complaint to the first post that said it, across authors and
 * platforms, so downstream makes one incident of it.
 */
export class NearDuplicateService {
  constructor(
    private readonly candidates: DuplicateCandidateSource,
    private readonly options: NearDuplicateOptions = DEFAULT_NEAR_DUPLICATE_OPTIONS,
  ) {}

  /** Fingerprint of a cleaned post text. */
  fingerprint(text: string): TextFingerprint {
    const words = matchingWords(text);
    if (words.length < this.options.minWords) return { bands: [] };
    const signature = minhash(words);
    return { signature, bands: minhashBands(signature) };
  }

  /**
   * Id of the published post the probe repeats, created within the window either side (a
   * backfilled older copy still joins the incident that already exists). The most similar
   * candidate wins, then the earliest; a candidate that is itself a repeat links to its original.
   */
  async findOriginal(probe: DuplicateProbe): Promise<string | undefined> {
    const { signature, bands } = probe.fingerprint;
    if (signature === undefined) return undefined;
    const at = probe.createdAt.getTime();
    const found = await this.candidates.nearDuplicateCandidates(bands, new Date(at - this.options.windowMs), new Date(at + this.options.windowMs), 200);
    let best: { candidate: DuplicateCandidate; similarity: number } | undefined;
    for (const candidate of found) {
      if (candidate.postId === probe.excludePostId) continue;
      if (probe.geo && candidate.geo && metresBetween(probe.geo, candidate.geo) > this.options.maxGeoDistanceM) continue;
      const similarity = minhashSimilarity(signature, candidate.signature);
      if (similarity < this.options.minSimilarity) continue;
      if (!best || similarity > best.similarity || (similarity === best.similarity && candidate.createdAt.getTime() < best.candidate.createdAt.getTime())) {
        best = { candidate, similarity };
      }
    }
    return best ? (best.candidate.duplicateOf ?? best.candidate.postId) : undefined;
  }
}
