export default {
  displayName: 'system-tests',
  preset: '../jest.preset.js',
  rootDir: '.',
  testTimeout: 120000,
};
