import mongoose, { Connection, Model } from 'mongoose';
import { IsolatedInfra, isolateInfra } from '@otklik/testing';
import { IncidentRecord } from './incident.view';
import { PostLinks } from './post-links';
import { INCIDENT_MODEL, IncidentSchema, POST_MODEL, PostRecord, PostSchema } from './projection.schema';
import { keyById, updateVersioned } from './versioned-update';

/** The read model's documents are keyed by `_id`, and a database from before is brought up to date. */
describe('desk read model keyed by _id (real database)', () => {
  let infra: IsolatedInfra;
  let connection: Connection;
  let incidents: Model<IncidentRecord>;
  let posts: Model<PostRecord>;

  beforeAll(async () => {
    infra = isolateInfra('desk-keyed');
    connection = await mongoose.createConnection(infra.mongoUri, { dbName: infra.database, maxPoolSize: 4 }).asPromise();
    incidents = connection.model<IncidentRecord>(INCIDENT_MODEL, IncidentSchema);
    posts = connection.model<PostRecord>(POST_MODEL, PostSchema);
    await Promise.all([incidents.init(), posts.init()]);
  });

  afterAll(async () => {
    await connection?.close();
    await infra?.cleanup();
  });

  it('writes a new document under its key and changes it only at the version read', async () => {
    const stored = await updateVersioned(posts, { field: 'postId', value: 'p-new' }, async () => ({ text: 'Яма на дороге' }));
    expect(stored).toMatchObject({ postId: 'p-new', version: 1 });
    expect(await posts.collection.findOne({ _id: 'p-new' } as never)).toMatchObject({ postId: 'p-new', text: 'Яма на дороге', version: 1 });
    await updateVersioned(posts, { field: 'postId', value: 'p-new' }, async (current) => ({ text: `${current?.text}, третью неделю` }));
    expect(await posts.collection.findOne({ _id: 'p-new' } as never)).toMatchObject({ text: 'Яма на дороге, третью неделю', version: 2 });
    expect(await posts.countDocuments({ postId: 'p-new' })).toBe(1);
  });

  it('re-keys documents stored with an ObjectId and links their posts, once', async () => {
    await incidents.collection.insertOne({ incidentId: 'i-old', version: 3, state: 'routed', postIds: ['p-old-1', 'p-old-2'], timeline: [], countedMetrics: [] } as never);
    await posts.collection.insertOne({ postId: 'p-old-1', version: 1, text: 'Не горит фонарь', timeline: [] } as never);
    expect(await keyById(incidents, 'incidentId')).toBe(1);
    expect(await keyById(posts, 'postId')).toBe(1);
    expect(await keyById(posts, 'postId')).toBe(0);
    expect(await incidents.collection.findOne({ _id: 'i-old' } as never)).toMatchObject({ incidentId: 'i-old', version: 3, postIds: ['p-old-1', 'p-old-2'] });
    expect(await posts.collection.findOne({ _id: 'p-old-1' } as never)).toMatchObject({ postId: 'p-old-1', text: 'Не горит фонарь' });
    // A re-keyed document is changed like any other.
    await updateVersioned(incidents, { field: 'incidentId', value: 'i-old' }, async () => ({ state: 'answered' as const }));
    expect(await incidents.countDocuments({ incidentId: 'i-old', state: 'answered', version: 4 })).toBe(1);

    const links = new PostLinks(incidents);
    await links.init(incidents);
    expect(await links.incidentsOf('p-old-2')).toEqual(['i-old']);
    await links.link('i-other', ['p-old-2']);
    await links.link('i-other', ['p-old-2']);
    expect((await links.incidentsOf('p-old-2')).sort()).toEqual(['i-old', 'i-other']);
    expect(await links.incidentsOf('p-unknown')).toEqual([]);
  });
});
