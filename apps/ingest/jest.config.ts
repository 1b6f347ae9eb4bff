export default {
  displayName: 'ingest',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // Integration specs start the service against the real broker and database.
  testTimeout: 60000,
};
