export default {
  displayName: 'fake-platforms',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
