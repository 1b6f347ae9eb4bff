import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';

describe('the notifier OpenAPI document', () => {
  it('declares the bearer scheme, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('notifier', AppModule, {
        routes: [['put', '/v1/webhooks/{id}', ['400', '401', '403', '404', '413']]],
      }),
    ).toEqual([]);
  });
});
