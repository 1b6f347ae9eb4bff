import { findUrls, hasReadableContent } from '../normalisation/text';

/** Why a post was held back; a post may have several. */
export type FilterReason = 'platform-ad' | 'advertising' | 'links' | 'flood' | 'empty';

/** Every reason, for counters that must show zeros too. */
export const FILTER_REASONS: readonly FilterReason[] = ['platform-ad', 'advertising', 'links', 'flood', 'empty'];

/** How many posts an author published since a moment (across sources and platforms). */
export interface AuthorActivitySource {
  /** Posts of the author created since `since`, the post being checked left out (it may be there from an earlier try). */
  countByAuthorSince(authorPseudonym: string, since: Date, excludePostId: string): Promise<number>;
}

/** What the filter looks at. */
export interface SpamCheckInput {
  postId: string;
  text: string;
  authorPseudonym: string;
  authorIsCommunity: boolean;
  createdAt: Date;
  attachmentCount: number;
  markedAsAd: boolean;
}

/** Tuning of the filter. */
export interface SpamFilterOptions {
  /** Posts by one author within floodWindowMs beyond which the next ones are flood. */
  floodLimit: number;
  floodWindowMs: number;
  /** Distinct links from which a post counts as link spam. */
  maxLinks: number;
  /** Score of advertising cues from which a post is advertising. */
  advertisingScore: number;
}

/** Defaults: more than 5 posts in 10 minutes, 3 links, advertising score 3. */
export const DEFAULT_SPAM_FILTER_OPTIONS: SpamFilterOptions = {
  floodLimit: 5,
  floodWindowMs: 10 * 60_000,
  maxLinks: 3,
  advertisingScore: 3,
};

/** Cues of selling: weight 2 for phrases almost never in a complaint, 1 for weaker ones. */
const ADVERTISING_CUES: readonly [RegExp, number][] = [
  [/промокод/u, 2],
  [/казино|букмекер|ставки на спорт/u, 2],
  [/пассивн\p{L}* доход|заработ\p{L}* от \d|заработок в интернете|работа на дому/u, 2],
  [/криптовалют|инвестиц\p{L}* от|арбитраж трафика/u, 2],
  [/(^|\P{L})(продам|продаю|куплю|сдам|сдаю)(\P{L}|$)/u, 2],
  [/(^|\P{L})(купите|закажите|звоните|пишите в лс|пиши в лс|пишите в личку|в директ)(\P{L}|$)/u, 1],
  [/скидк|распродаж|недорого|выгодн\p{L}* цен|бесплатн\p{L}* консультац|доставка по/u, 1],
  [/подписывайтесь|подпишись|переходи\p{L}* по ссылке|розыгрыш/u, 1],
  [/(?:₽|руб\.?)\s*(?:\/|за)|от \d[\d\s]* ?(?:₽|руб)/u, 1],
];
const PHONE = /(?:\+7|(?:^|\D)8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}/u;

/**
 * Holds back spam, advertising and flood with the reasons why. Nothing is dropped: the caller
 * keeps and counts what is held back, and an operator can release a wrongly held post.
 */
export class SpamFilterService {
  constructor(
    private readonly activity: AuthorActivitySource,
    private readonly options: SpamFilterOptions = DEFAULT_SPAM_FILTER_OPTIONS,
  ) {}

  /** Reasons to hold the post back; empty when it may go on. */
  async check(input: SpamCheckInput): Promise<FilterReason[]> {
    const reasons: FilterReason[] = [];
    if (input.markedAsAd) reasons.push('platform-ad');
    if (!hasReadableContent(input.text) && input.attachmentCount === 0) reasons.push('empty');
    // Official pages are the agencies themselves: their announcements are kept as thread context.
    if (!input.authorIsCommunity) {
      if (this.advertisingScore(input.text) >= this.options.advertisingScore) reasons.push('advertising');
      if (new Set(findUrls(input.text)).size >= this.options.maxLinks) reasons.push('links');
      const since = new Date(input.createdAt.getTime() - this.options.floodWindowMs);
      if ((await this.activity.countByAuthorSince(input.authorPseudonym, since, input.postId)) >= this.options.floodLimit) {
        reasons.push('flood');
      }
    }
    return reasons;
  }

  /** Sum of advertising cue weights in a text; a phone number and a link add one each. */
  advertisingScore(text: string): number {
    const lower = text.toLowerCase();
    let score = 0;
    for (const [cue, weight] of ADVERTISING_CUES) if (cue.test(lower)) score += weight;
    if (PHONE.test(lower)) score += 1;
    if (findUrls(lower).length > 0) score += 1;
    return score;
  }
}
