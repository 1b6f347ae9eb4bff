import { isUntracedRequest, mongoStatementShape } from './tracing';

describe('isUntracedRequest', () => {
  it('leaves health probes and metric scrapes untraced', () => {
    for (const url of ['/health', '/health/live', '/health/ready', '/metrics', '/metrics?x=1']) expect(isUntracedRequest(url)).toBe(true);
  });

  it('traces every other request', () => {
    for (const url of ['/v1/posts', '/healthy', '/docs', undefined]) expect(isUntracedRequest(url)).toBe(false);
  });
});

describe('mongoStatementShape', () => {
  it('names the command and its fields but none of their values', () => {
    const shape = mongoStatementShape({ insert: 'posts', documents: [{ text: 'Нет воды', author: 'a1' }], ordered: false });
    expect(shape).toBe('{"insert":"?","documents":"?","ordered":"?"}');
  });
});
