import { ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString } from 'class-validator';
import { IncidentFacts } from './incident.events';

// Posts are named by Otklik's post id, as in every incident event: where a post lives on its
// platform (platform, its external id, community and thread) is in its `post.received`, which
// the notifier and the desk keep by that id. The router never sees those references.

/**
 * A later post about the same problem joined an open incident (a near-duplicate, or the same
 * topic at the same place within the grouping window). The facts are the incident's after the
 * post joined: `postIds` names every post it holds now, the new one included.
 */
export class IncidentPostAttachedV2 extends IncidentFacts {
  /** The post that joined. */
  @IsString()
  postId: string;

  /** The earlier post it nearly duplicates, when that is why it joined. */
  @IsOptional()
  @IsString()
  duplicateOf?: string;

  /** Why, for people, e.g. «та же проблема в том же месте». */
  @IsString()
  reason: string;

  /** When it joined (the time of the post's classification). */
  @IsISO8601()
  attachedAt: string;
}

/**
 * An operator merged an incident into another: its posts moved there and it ended `merged`.
 * Keyed by the merged incident, published with its state change.
 */
export class IncidentMergedV1 {
  /** The incident merged away (now in state `merged`). */
  @IsString()
  incidentId: string;

  /** Its number. */
  @IsString()
  number: string;

  /** The incident that goes on and holds the posts now. */
  @IsString()
  intoIncidentId: string;

  /** Its number. */
  @IsString()
  intoNumber: string;

  /** Posts of the merged incident, all now in `intoIncidentId`. */
  @IsArray()
  @IsString({ each: true })
  movedPostIds: string[];

  /** Every post `intoIncidentId` holds after the merge. */
  @IsArray()
  @IsString({ each: true })
  postIds: string[];

  /** Who merged (`<role>:<user id>`). */
  @IsString()
  actor: string;

  /** The operator's reason. */
  @IsString()
  reason: string;

  /** When. */
  @IsISO8601()
  mergedAt: string;
}

/**
 * An operator took posts out of an incident into a new one (announced by its own
 * `incident.routed`). The facts are those of the incident split; `postIds` names the posts it keeps.
 */
export class IncidentSplitV2 extends IncidentFacts {
  /** The posts taken out. */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  splitPostIds: string[];

  /** The incident they went to. */
  @IsString()
  newIncidentId: string;

  /** Its number. */
  @IsString()
  newNumber: string;

  /** Who split (`<role>:<user id>`). */
  @IsString()
  actor: string;

  /** The operator's reason. */
  @IsString()
  reason: string;

  /** When. */
  @IsISO8601()
  splitAt: string;
}
