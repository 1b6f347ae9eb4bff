import { ingestConfig } from './ingest.config';

describe('ingest configuration', () => {
  const saved = { ...process.env };
  const read = (env: NodeJS.ProcessEnv) => {
    Object.assign(process.env, { INGEST_PSEUDONYM_KEY: 'spec-pseudonym-key-0123456789abcdef' }, env);
    return ingestConfig();
  };

  afterEach(() => {
    for (const key of ['POST_RETENTION_DAYS', 'INGEST_RAW_RETENTION_DAYS']) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('keeps posts 365 days unless POST_RETENTION_DAYS says otherwise', () => {
    expect(read({}).postRetentionMs).toBe(365 * 86400_000);
    expect(read({ POST_RETENTION_DAYS: '90' }).postRetentionMs).toBe(90 * 86400_000);
  });

  it('refuses a retention shorter than a week, naming the variable', () => {
    expect(() => read({ POST_RETENTION_DAYS: '3' })).toThrow(/POST_RETENTION_DAYS/);
  });

  it('refuses raw payloads kept longer than the posts they came with', () => {
    expect(() => read({ POST_RETENTION_DAYS: '14', INGEST_RAW_RETENTION_DAYS: '30' })).toThrow('INGEST_RAW_RETENTION_DAYS (30) must not exceed POST_RETENTION_DAYS (14)');
  });
});
