export default {
  displayName: 'sla-tracker',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
