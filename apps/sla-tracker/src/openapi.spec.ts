import { openApiProblems } from '@otklik/testing';
import { AppModule } from './app.module';

describe('the sla-tracker OpenAPI document', () => {
  it('declares the bearer scheme, the errors every operation of its kind answers, and what particular routes answer', async () => {
    expect(
      await openApiProblems('sla-tracker', AppModule, {
        routes: [
          ['get', '/kpi/agencies', ['400', '401', '403']],
          ['get', '/health/ready', ['503']],
        ],
      }),
    ).toEqual([]);
  });
});
