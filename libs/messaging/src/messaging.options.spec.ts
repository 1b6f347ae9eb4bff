import { logicalTopic, physicalTopic } from './messaging.options';

describe('topic prefixes', () => {
  it('maps a catalogue topic to its prefixed name and back', () => {
    const options = { topicPrefix: 't-run1.' };

    expect(physicalTopic(options, 'otklik.post.received.v1')).toBe('t-run1.otklik.post.received.v1');
    expect(logicalTopic(options, 't-run1.otklik.post.received.v1')).toBe('otklik.post.received.v1');
  });

  it('does not claim a topic of another prefix', () => {
    expect(logicalTopic({ topicPrefix: 't-run1.' }, 't-run2.otklik.post.received.v1')).toBeUndefined();
  });
});
