import { missingAnswers, openApiDocumentOf, OpenApiDocument, openApiGaps } from '@otklik/testing';
import { AppModule } from './app.module';

/** Answers particular routes give besides those every route of their kind gives. */
const ROUTE_ANSWERS: [string, string, string[]][] = [
  ['post', '/v1/posts', ['413', '429']],
  ['post', '/v1/sources', ['409']],
  ['post', '/v1/posts/{postId}/release', ['409']],
  ['post', '/v1/telegram/webhook/{sourceId}', ['400', '403', '404', '413', '503']],
  ['post', '/v1/vk/callback', ['400', '403', '404', '413', '503']],
];

describe('the ingest OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    document = await openApiDocumentOf('ingest', AppModule);
  });

  it('declares the bearer scheme and, on each operation, every error the platform answers there', () => {
    expect(openApiGaps(document)).toEqual([]);
  });

  it('declares what particular routes answer: conflicts, unprocessable changes, limits, a dependency away', () => {
    expect(missingAnswers(document, ROUTE_ANSWERS)).toEqual([]);
  });
});
