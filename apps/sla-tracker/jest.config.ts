export default {
  displayName: 'sla-tracker',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // Integration specs start the service against the real broker and database.
  testTimeout: 90000,
};
