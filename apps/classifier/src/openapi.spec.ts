import { missingAnswers, openApiDocumentOf, OpenApiDocument, openApiGaps } from '@otklik/testing';
import { AppModule } from './app.module';

/** Answers particular routes give besides those every route of their kind gives. */
const ROUTE_ANSWERS: [string, string, string[]][] = [
  ['post', '/review-queue/{postId}/confirm', ['400', '401', '403', '404', '413']],
];

describe('the classifier OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    document = await openApiDocumentOf('classifier', AppModule);
  });

  it('declares the bearer scheme and, on each operation, every error the platform answers there', () => {
    expect(openApiGaps(document)).toEqual([]);
  });

  it('declares what particular routes answer: conflicts, unprocessable changes, limits, a dependency away', () => {
    expect(missingAnswers(document, ROUTE_ANSWERS)).toEqual([]);
  });
});
