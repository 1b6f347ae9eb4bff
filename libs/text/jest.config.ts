export default {
  displayName: 'text',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
