import { AgencyPreferences, localDate, localMinutes } from '../preferences/preferences';
import { OverdueItem } from '../templates/notice.types';

/** Where the overdue incidents of an agency come from (the notifier's own projection of SLA events). */
export interface OverdueSource {
  overdueFor(agencyId: string, now: Date): Promise<OverdueItem[]>;
}

/** The digest due for an agency now, if any. */
export interface DigestPlan {
  /** One per agency and local day: the delivery key that makes the digest go out once a day. */
  eventId: string;
  date: string;
  items: OverdueItem[];
}

/** Daily digest of overdue incidents for agency heads. */
export class DigestService {
  constructor(private readonly overdue: OverdueSource) {}

  /**
   * The digest for today once the agency's digest hour has come, oldest deadline first; nothing
   * before that hour, nothing when the agency has no heads or no overdue incidents.
   */
  async plan(prefs: AgencyPreferences, now: Date): Promise<DigestPlan | undefined> {
    if (!prefs.events.includes('digest.overdue') || !prefs.contacts.some((c) => c.role === 'head')) return undefined;
    if (localMinutes(now, prefs.timeZone) < prefs.digestHour * 60) return undefined;
    const items = (await this.overdue.overdueFor(prefs.agencyId, now)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    if (!items.length) return undefined;
    const date = localDate(now, prefs.timeZone);
    return { eventId: `digest:${prefs.agencyId}:${date}`, date, items };
  }
}
