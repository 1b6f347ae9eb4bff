import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';

describe('the classifier OpenAPI document', () => {
  it('declares the bearer scheme, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('classifier', AppModule, {
        routes: [['post', '/review-queue/{postId}/confirm', ['400', '401', '403', '404', '413']]],
      }),
    ).toEqual([]);
  });
});
