import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';

describe('the router OpenAPI document', () => {
  it('declares the bearer scheme, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('router', AppModule, {
        routes: [
          ['put', '/v1/agencies/{id}', ['409', '422']],
          ['delete', '/v1/territories/{code}', ['409', '422']],
          ['post', '/v1/rules/import', ['409', '413', '422']],
        ],
      }),
    ).toEqual([]);
  });
});
