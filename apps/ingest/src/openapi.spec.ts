import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';

describe('the ingest OpenAPI document', () => {
  it('declares the bearer scheme, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('ingest', AppModule, {
        routes: [
          ['post', '/v1/posts', ['413', '429']],
          ['post', '/v1/sources', ['409']],
          ['post', '/v1/posts/{postId}/release', ['409']],
          ['post', '/v1/telegram/webhook/{sourceId}', ['400', '403', '404', '413', '503']],
          ['post', '/v1/vk/callback', ['400', '403', '404', '413', '503']],
        ],
      }),
    ).toEqual([]);
  });
});
