import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';
import { deskAppOptions } from './web/desk-app';

describe('the desk OpenAPI document', () => {
  it('declares its bearer and session cookie schemes, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('desk', AppModule, {
        app: deskAppOptions,
        schemes: ['session'],
        routes: [
          ['post', '/api/v1/auth/login', ['401', '413', '429']],
          ['put', '/api/v1/auth/password', ['422']],
          ['post', '/api/v1/users', ['409', '422']],
          ['post', '/api/v1/incidents/{incidentId}/merge', ['409', '422']],
          ['post', '/api/v1/incidents/{incidentId}/answers', ['409', '422']],
          ['get', '/api/v1/incidents', ['422']],
          ['post', '/api/v1/photos', ['413', '422']],
          ['post', '/api/v1/posts/held/{postId}/release', ['409', '503']],
          ['post', '/api/v1/surges/{surgeId}/acknowledge', ['409']],
          ['get', '/api/v1/directories/{name}', ['503']],
          ['post', '/open311/v2/requests.{ext}', ['400', '403', '404', '413']],
        ],
      }),
    ).toEqual([]);
  });
});
