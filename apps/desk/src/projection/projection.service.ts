import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, TopicName } from '@otklik/contracts';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { incidentKeysOf, postKeyOf } from './event-keys';
import { enrichIncident, EnrichOptions } from './incident.enrich';
import { reduceIncident } from './incident.reducer';
import { IncidentStore } from './incident.store';
import { reducePost } from './post.reducer';
import { PostStore } from './post.store';
import { currentTimeline, TimelineEntry, toTimelineEntry, withEntry } from './timeline-entry';
import { IncidentFollower } from './incident-follower';

/**
 * Builds desk's read model from events: every event is added once to the timeline of the post
 * and the incidents it concerns, and their views are folded again from the whole timeline. So
 * events may come twice and in any order across topics; the result is the same.
 */
@Injectable()
export class ProjectionService {
  private readonly options: EnrichOptions;

  constructor(
    private readonly incidents: IncidentStore,
    private readonly posts: PostStore,
    private readonly counters: IncidentFollower,
    taxonomy: TaxonomyService,
    @Inject(DESK_CONFIG) config: DeskConfig,
  ) {
    this.options = { lowConfidence: config.lowConfidence, topicNames: (code) => taxonomy.namesOf(code) };
  }

  /** Applies one validated event; returns the ids of incidents whose view changed. */
  async apply(topic: TopicName, envelope: EventEnvelope<object>): Promise<string[]> {
    const entry = toTimelineEntry(topic, envelope);
    const touched = new Set(incidentKeysOf(entry));
    const postId = postKeyOf(entry);
    const refresh: string[] = [];
    if (postId && (await this.applyToPost(postId, entry))) {
      for (const incidentId of await this.incidents.holding(postId)) if (!touched.has(incidentId)) refresh.push(incidentId);
    }
    for (const incidentId of touched) await this.updateIncident(incidentId, entry);
    for (const incidentId of refresh) await this.updateIncident(incidentId, undefined);
    return [...touched, ...refresh];
  }

  /** Folds an incident again from what is stored (after a code change of the reducer, for instance). */
  async rebuild(incidentId: string): Promise<void> {
    await this.updateIncident(incidentId, undefined);
  }

  private async applyToPost(postId: string, entry: TimelineEntry): Promise<boolean> {
    let added = false;
    await this.posts.update(postId, async (current) => {
      const timeline = withEntry(currentTimeline(current?.timeline) ?? [], entry);
      if (!timeline) return undefined;
      added = true;
      return { ...reducePost(postId, timeline), timeline };
    });
    return added;
  }

  /** Adds `entry` (if given and new) and refolds; then brings the dashboard counters in step. */
  private async updateIncident(incidentId: string, entry: TimelineEntry | undefined): Promise<void> {
    const stored = await this.incidents.update(incidentId, async (current) => {
      const timeline = entry ? withEntry(currentTimeline(current?.timeline) ?? [], entry) : currentTimeline(current?.timeline);
      if (!timeline) return undefined;
      const core = reduceIncident(incidentId, timeline);
      // Linked before the posts are read: a post stored after this read finds the link and refreshes the incident.
      await this.incidents.link(
        incidentId,
        core.postIds.filter((id) => !current?.postIds.includes(id)),
      );
      const posts = await this.posts.views(core.postIds);
      return { ...enrichIncident(core, posts, this.options), timeline };
    });
    if (!stored) return;
    // A post stored between the read above and the insert looked for the incident to refresh
    // before it existed: folding the new incident once more takes that post in.
    if (stored.version === 1 && stored.postIds.length > 0) return this.updateIncident(incidentId, undefined);
    await this.counters.reconcile(stored);
  }
}
