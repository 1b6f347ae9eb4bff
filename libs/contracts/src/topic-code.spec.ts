import { withTopicCode } from './topic-code';

describe('records written before the taxonomy code was named topicCode', () => {
  it('takes `topic` as `topicCode` and keeps everything else', () => {
    expect(withTopicCode<{ topicCode: string; number: string }>({ topic: 'housing.heating', number: '78-1' })).toEqual({ topicCode: 'housing.heating', number: '78-1' });
  });

  it('leaves a current record as it is, even one that still carries the old field beside the new', () => {
    const current = { topicCode: 'roads.surface', number: '78-2' };
    expect(withTopicCode(current)).toBe(current);
    expect(withTopicCode<{ topicCode: string }>({ topicCode: 'roads.surface', topic: 'housing.heating' })).toMatchObject({ topicCode: 'roads.surface' });
  });
});
