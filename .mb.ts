import path from 'node:path';
import { createEvent, decodeEvent, TOPICS, type PostReceivedV1 } from '@otklik/contracts';
import { readSpbAppeals } from './apps/classifier/src/datasets/spb.reader';
import { Classifier } from './apps/classifier/src/classification/classifier';
import { loadModel } from './apps/classifier/src/model/model-loader';
import { decidePost } from './apps/classifier/src/classifying/post-decision';
const texts = readSpbAppeals(path.resolve('../shared/data/spb-appeals/dev.jsonl.gz')).map((t) => t.text).slice(0, 5000);
const posts: PostReceivedV1[] = texts.map((text, n) => ({ postId: `b-${n}`, platform: 'vk', externalId: `vk-${n}`, sourceId: 's', community: { id: 'c', territoryCode: 'RU-SPE' }, author: { pseudonym: `a-${n % 97}` }, text, createdAt: '2021-01-15T09:00:00.000Z', attachments: [] }));
const raws = posts.map((p) => Buffer.from(JSON.stringify(createEvent(TOPICS.postReceived, p))));
const clf = new Classifier(loadModel().model);
const decisions = posts.map((p) => decidePost(clf, p));
function time(label: string, fn: (i: number) => unknown) {
  for (let r = 0; r < 2; r++) { const t = process.hrtime.bigint(); for (let i = 0; i < posts.length; i++) fn(i); const us = Number(process.hrtime.bigint() - t) / 1e3 / posts.length; if (r) console.log(`${label}: ${us.toFixed(1)} µs/post`); }
}
time('decode+validate in', (i) => decodeEvent(TOPICS.postReceived, raws[i]));
time('decide (model+rules)', (i) => decidePost(clf, posts[i]));
time('createEvent out', (i) => createEvent(decisions[i].outcome === 'classified' ? TOPICS.incidentClassified : TOPICS.postDismissed, decisions[i].payload as never));
time('stringify envelope', (i) => JSON.stringify({ id: 'x', payload: decisions[i].payload }));
time('stringify out', (i) => JSON.stringify(decisions[i]));
const { serialize, deserialize } = require('node:v8');
time('clone decision', (i) => deserialize(serialize(decisions[i])));
console.log('decision bytes', JSON.stringify(decisions[0]).length, 'payload bytes', JSON.stringify(decisions[0].payload).length);
