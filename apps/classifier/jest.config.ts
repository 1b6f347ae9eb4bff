export default {
  displayName: 'classifier',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
