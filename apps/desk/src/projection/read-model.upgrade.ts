import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { renameFieldOnce } from '@otklik/platform';
import { Model } from 'mongoose';
import { IncidentRecord } from './incident.view';
import { PostLinks } from './post-links';
import { INCIDENT_MODEL, POST_MODEL, PostRecord } from './projection.schema';
import { keyById } from './versioned-update';

/**
 * Brings a read model stored by an earlier release up to date at start, before any event is
 * handled: the taxonomy's codes named `topicCode` (and its category `categoryCode`), documents
 * keyed by `_id`, posts linked to the incidents holding them.
 */
@Injectable()
export class ReadModelUpgrade implements OnModuleInit {
  constructor(
    @InjectModel(INCIDENT_MODEL) private readonly incidents: Model<IncidentRecord>,
    @InjectModel(POST_MODEL) private readonly posts: Model<PostRecord>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.renameTopicCodes();
    // Done once per database: re-keying reads every document, which FerretDB cannot narrow down.
    const links = new PostLinks(this.incidents);
    if (await links.backfilled()) return;
    await keyById(this.incidents, 'incidentId');
    await keyById(this.posts, 'postId');
    await links.init(this.incidents);
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
}
