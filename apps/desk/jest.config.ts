export default {
  displayName: 'desk',
  preset: '../../jest.preset.js',
  rootDir: '.',
  // Integration specs start desk on the real broker and database: group joins take seconds.
  testTimeout: 60000,
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
};
