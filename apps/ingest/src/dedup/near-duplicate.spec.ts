import { readSpbAppealTexts } from '../testing/shared-data';
import { cleanPostText, matchingWords } from '../normalisation/text';
import { minhash, minhashBands, minhashSimilarity } from './minhash';
import { DuplicateCandidate, DuplicateCandidateSource, NearDuplicateService } from './near-duplicate.service';

/** Candidates indexed by band, found the way the store finds them. */
class ArrayCandidates implements DuplicateCandidateSource {
  private readonly byBand = new Map<string, DuplicateCandidate[]>();

  add(candidate: DuplicateCandidate, bands: string[]): void {
    for (const band of bands) this.byBand.set(band, [...(this.byBand.get(band) ?? []), candidate]);
  }

  async nearDuplicateCandidates(bands: string[], from: Date, to: Date): Promise<DuplicateCandidate[]> {
    const found = new Set(bands.flatMap((band) => this.byBand.get(band) ?? []));
    return [...found].filter((c) => c.createdAt >= from && c.createdAt <= to);
  }
}

/** Ways people repeat a complaint: emoji, a prefix, a link, punctuation and case, one word changed. */
function variants(text: string): string[] {
  const words = text.split(' ');
  const oneWordChanged = [...words];
  oneWordChanged[Math.floor(words.length / 2)] = 'очень';
  return [`${text} 😡😡`, `Репост: ${text}`, `${text}\nhttps://vk.com/wall-1_2`, text.replace(/[.,!?]/g, ' ').toUpperCase(), oneWordChanged.join(' ')];
}

function jaccard(a: string, b: string): number {
  const setA = new Set(matchingWords(a));
  const setB = new Set(matchingWords(b));
  let common = 0;
  for (const word of setA) if (setB.has(word)) common += 1;
  return common / (setA.size + setB.size - common);
}

const AT = new Date('2024-03-01T10:00:00Z');

describe('minhash', () => {
  it('gives 32 values in hex and 8 bands; equal texts are fully similar', () => {
    const signature = minhash(['нет', 'воды', 'третий', 'день']);
    expect(signature).toMatch(/^[0-9a-f]{256}$/);
    expect(minhashBands(signature)).toHaveLength(8);
    expect(minhashSimilarity(signature, minhash(['нет', 'воды', 'третий', 'день']))).toBe(1);
    expect(minhashSimilarity(signature, minhash(['свет', 'отключили', 'вчера', 'вечером']))).toBeLessThan(0.2);
  });
});

describe('NearDuplicateService on real appeal texts', () => {
  let texts: string[];
  let service: NearDuplicateService;

  beforeAll(async () => {
    texts = [...new Set((await readSpbAppealTexts(1000)).map(cleanPostText))].filter((t) => matchingWords(t).length >= 8);
    const store = new ArrayCandidates();
    service = new NearDuplicateService(store);
    texts.forEach((text, i) => {
      const fp = service.fingerprint(text);
      if (fp.signature) store.add({ postId: `p${i}`, signature: fp.signature, createdAt: AT }, fp.bands);
    });
  });

  it('links at least 9 in 10 reposted variants of real complaints to the original', async () => {
    let found = 0;
    let tried = 0;
    for (const [i, text] of texts.entries()) {
      for (const variant of variants(text)) {
        tried += 1;
        const original = await service.findOriginal({ fingerprint: service.fingerprint(variant), createdAt: AT, excludePostId: 'new' });
        if (original === `p${i}` || (original !== undefined && jaccard(texts[Number(original.slice(1))], text) > 0.8)) found += 1;
      }
    }
    expect(texts.length).toBeGreaterThan(300);
    expect(found / tried).toBeGreaterThan(0.9);
  });

  it('never links two real complaints that share fewer than 40% of their words', async () => {
    const wrong: string[] = [];
    for (const [i, text] of texts.entries()) {
      const original = await service.findOriginal({ fingerprint: service.fingerprint(text), createdAt: AT, excludePostId: `p${i}` });
      if (original !== undefined && jaccard(texts[Number(original.slice(1))], text) < 0.4) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it('links a repeat of a repeat to the first post and ignores posts outside the window', async () => {
    const store = new ArrayCandidates();
    const own = new NearDuplicateService(store);
    const fp = own.fingerprint(texts[0]);
    if (!fp.signature) throw new Error('fixture text too short');
    store.add({ postId: 'second', signature: fp.signature, createdAt: AT, duplicateOf: 'first' }, fp.bands);
    expect(await own.findOriginal({ fingerprint: fp, createdAt: AT, excludePostId: 'third' })).toBe('first');
    expect(await own.findOriginal({ fingerprint: fp, createdAt: new Date(AT.getTime() + 3 * 86400_000), excludePostId: 'third' })).toBeUndefined();
  });

  it('keeps apart the same text posted about places more than a kilometre apart', async () => {
    const store = new ArrayCandidates();
    const own = new NearDuplicateService(store);
    const fp = own.fingerprint(texts[1]);
    if (!fp.signature) throw new Error('fixture text too short');
    store.add({ postId: 'a', signature: fp.signature, createdAt: AT, geo: { lat: 59.93, lon: 30.31 } }, fp.bands);
    expect(await own.findOriginal({ fingerprint: fp, createdAt: AT, excludePostId: 'b', geo: { lat: 59.99, lon: 30.2 } })).toBeUndefined();
    expect(await own.findOriginal({ fingerprint: fp, createdAt: AT, excludePostId: 'b', geo: { lat: 59.9301, lon: 30.3101 } })).toBe('a');
  });

  it('does not compare texts too short to tell apart', () => {
    expect(service.fingerprint('Нет воды!')).toEqual({ bands: [] });
  });
});
