/**
 * The parts of OK REST API answers that ingest reads (mediatopic.getTopics, mediatopic.getByIds,
 * discussions.getComments). OK publishes no machine-readable schema package, so these follow the
 * method pages of apiok.ru.
 */

/** One block of a media topic. */
export interface OkMedia {
  type: string;
  text?: string;
  url?: string;
  photo_refs?: string[];
  movie_refs?: string[];
}

/** A group feed topic. */
export interface OkMediaTopic {
  id: string;
  created_ms: number;
  /** `user:<id>` or `group:<id>`. */
  author_ref?: string;
  owner_ref?: string;
  media?: OkMedia[];
  discussion_summary?: { comments_count?: number };
  is_deleted?: boolean;
  ad?: boolean;
}

/** Referenced users and groups of an answer. */
export interface OkEntities {
  users?: { uid?: string; id?: string; name?: string; first_name?: string; last_name?: string }[];
  groups?: { uid?: string; id?: string; name?: string }[];
  group_photos?: { id?: string; ref?: string; pic_max?: string; pic640x480?: string }[];
}

/** mediatopic.getTopics and mediatopic.getByIds. */
export interface OkTopicsAnswer {
  media_topics?: OkMediaTopic[];
  entities?: OkEntities;
  anchor?: string;
  has_more?: boolean;
}

/** A comment of a discussion. */
export interface OkComment {
  id: string;
  text?: string;
  /** `yyyy-MM-dd HH:mm:ss` without a zone. */
  date?: string;
  date_ms?: number;
  author_id?: string;
  author_name?: string;
  reply_to_comment_id?: string;
  deleted?: boolean;
}

/** discussions.getComments. */
export interface OkCommentsAnswer {
  comments?: OkComment[];
  anchor?: string;
  has_more?: boolean;
  entities?: OkEntities;
}

/** An error answer. */
export interface OkErrorAnswer {
  error_code: number;
  error_msg?: string;
}
