export default {
  displayName: 'reference',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
