import { missingAnswers, openApiDocumentOf, OpenApiDocument, openApiGaps } from '@otklik/testing';
import { AppModule } from './app.module';

/** Answers particular routes give besides those every route of their kind gives. */
const ROUTE_ANSWERS: [string, string, string[]][] = [
  ['put', '/v1/agencies/{id}', ['409', '422']],
  ['delete', '/v1/territories/{code}', ['409', '422']],
  ['post', '/v1/rules/import', ['409', '413', '422']],
];

describe('the router OpenAPI document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    document = await openApiDocumentOf('router', AppModule);
  });

  it('declares the bearer scheme and, on each operation, every error the platform answers there', () => {
    expect(openApiGaps(document)).toEqual([]);
  });

  it('declares what particular routes answer: conflicts, unprocessable changes, limits, a dependency away', () => {
    expect(missingAnswers(document, ROUTE_ANSWERS)).toEqual([]);
  });
});
