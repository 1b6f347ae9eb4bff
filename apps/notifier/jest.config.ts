export default {
  displayName: 'notifier',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
