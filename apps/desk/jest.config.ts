export default {
  displayName: 'desk',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
