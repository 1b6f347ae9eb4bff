export default {
  displayName: 'csv',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
