import { isUntracedRequest } from './tracing';

describe('isUntracedRequest', () => {
  it('leaves health probes and metric scrapes untraced', () => {
    for (const url of ['/health', '/health/live', '/health/ready', '/metrics', '/metrics?x=1']) expect(isUntracedRequest(url)).toBe(true);
  });

  it('traces every other request', () => {
    for (const url of ['/v1/posts', '/healthy', '/docs', undefined]) expect(isUntracedRequest(url)).toBe(false);
  });
});
