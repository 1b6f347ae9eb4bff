import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { EventEnvelope, TopicName } from '@otklik/contracts';
import { renameFieldOnce } from '@otklik/platform';
import { Model } from 'mongoose';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { incidentKeysOf, postKeyOf } from './event-keys';
import { enrichIncident, EnrichOptions } from './incident.enrich';
import { reduceIncident } from './incident.reducer';
import { IncidentRecord } from './incident.view';
import { PostLinks } from './post-links';
import { reducePost } from './post.reducer';
import { INCIDENT_MODEL, POST_MODEL, PostRecord } from './projection.schema';
import { currentTimeline, TimelineEntry, toTimelineEntry, withEntry } from './timeline-entry';
import { IncidentFollower } from './incident-follower';
import { keyById, updateVersioned } from './versioned-update';

/**
 * Builds desk's read model from events: every event is added once to the timeline of the post
 * and the incidents it concerns, and their views are folded again from the whole timeline. So
 * events may come twice and in any order across topics; the result is the same.
 */
@Injectable()
export class ProjectionService implements OnModuleInit {
  private readonly options: EnrichOptions;
  private readonly links: PostLinks;

  constructor(
    @InjectModel(INCIDENT_MODEL) private readonly incidents: Model<IncidentRecord>,
    @InjectModel(POST_MODEL) private readonly posts: Model<PostRecord>,
    private readonly counters: IncidentFollower,
    taxonomy: TaxonomyService,
    @Inject(DESK_CONFIG) config: DeskConfig,
  ) {
    this.options = { lowConfidence: config.lowConfidence, topicNames: (code) => taxonomy.namesOf(code) };
    this.links = new PostLinks(incidents);
  }

  /** Brings a read model stored by an earlier release up to date: keyed by `_id`, posts linked, the taxonomy's codes named `topicCode`. */
  async onModuleInit(): Promise<void> {
    await this.renameTopicCodes();
    // Done once per database: re-keying reads every document, which FerretDB cannot narrow down.
    if (await this.links.backfilled()) return;
    await keyById(this.incidents, 'incidentId');
    await keyById(this.posts, 'postId');
    await this.links.init(this.incidents);
  }

  private async renameTopicCodes(): Promise<void> {
    const incidents = { db: this.incidents.db, name: this.incidents.collection.collectionName };
    const posts = { db: this.posts.db, name: this.posts.collection.collectionName };
    await renameFieldOnce(incidents.db, incidents.name, 'topic', 'topicCode');
    await renameFieldOnce(incidents.db, incidents.name, 'topicGroup', 'categoryCode');
    for (const { db, name } of [incidents, posts]) {
      await renameFieldOnce(db, name, 'classification.topic', 'classification.topicCode');
      await renameFieldOnce(db, name, 'classification.correction.topic', 'classification.correction.topicCode');
    }
    await renameFieldOnce(posts.db, posts.name, 'dismissed.undone.topic', 'dismissed.undone.topicCode');
  }

  /** Applies one validated event; returns the ids of incidents whose view changed. */
  async apply(topic: TopicName, envelope: EventEnvelope<object>): Promise<string[]> {
    const entry = toTimelineEntry(topic, envelope);
    const touched = new Set(incidentKeysOf(entry));
    const postId = postKeyOf(entry);
    const refresh: string[] = [];
    if (postId && (await this.applyToPost(postId, entry))) {
      for (const incidentId of await this.incidentsWithPost(postId)) if (!touched.has(incidentId)) refresh.push(incidentId);
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
    await updateVersioned(this.posts, { field: 'postId', value: postId }, async (current) => {
      const timeline = withEntry(currentTimeline(current?.timeline) ?? [], entry);
      if (!timeline) return undefined;
      added = true;
      return { ...reducePost(postId, timeline), timeline };
    });
    return added;
  }

  private incidentsWithPost(postId: string): Promise<string[]> {
    return this.links.incidentsOf(postId);
  }

  /** Adds `entry` (if given and new) and refolds; then brings the dashboard counters in step. */
  private async updateIncident(incidentId: string, entry: TimelineEntry | undefined): Promise<void> {
    const stored = await updateVersioned(
      this.incidents,
      { field: 'incidentId', value: incidentId },
      async (current) => {
        const timeline = entry ? withEntry(currentTimeline(current?.timeline) ?? [], entry) : currentTimeline(current?.timeline);
        if (!timeline) return undefined;
        const core = reduceIncident(incidentId, timeline);
        // Linked before the posts are read: a post stored after this read finds the link and refreshes the incident.
        await this.links.link(
          incidentId,
          core.postIds.filter((id) => !current?.postIds.includes(id)),
        );
        const posts = await this.postsOf(core.postIds);
        return { ...enrichIncident(core, posts, this.options), timeline };
      },
      { countedMetrics: [] },
    );
    if (!stored) return;
    // A post stored between the read above and the insert looked for the incident to refresh
    // before it existed: folding the new incident once more takes that post in.
    if (stored.version === 1 && stored.postIds.length > 0) return this.updateIncident(incidentId, undefined);
    await this.counters.reconcile(stored);
  }

  /** The posts' stored views; none known yet (clock events before the routing) costs no query, which FerretDB would answer by reading every post. */
  private async postsOf(postIds: readonly string[]): Promise<PostRecord[]> {
    if (postIds.length === 0) return [];
    return this.posts.find({ _id: { $in: postIds } }, { timeline: 0, _id: 0 }).lean<PostRecord[]>();
  }
}
