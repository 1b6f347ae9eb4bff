import { missingAnswers, openApiDocumentOf, OpenApiDocument, openApiGaps } from '@otklik/testing';
import { AppModule } from './app.module';
import { deskAppOptions } from './web/desk-app';

/** Answers particular routes give besides those every route of their kind gives. */
const ROUTE_ANSWERS: [string, string, string[]][] = [
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
];

describe('the desk OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    document = await openApiDocumentOf('desk', AppModule, deskAppOptions);
  });

  it('declares the bearer and session cookie schemes and, on each operation, every error the platform answers there', () => {
    expect(openApiGaps(document, { schemes: ['session'] })).toEqual([]);
  });

  it('declares what particular routes answer: conflicts, unprocessable changes, limits, a dependency away', () => {
    expect(missingAnswers(document, ROUTE_ANSWERS)).toEqual([]);
  });
});
