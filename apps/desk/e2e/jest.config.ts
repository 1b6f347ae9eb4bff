// End-to-end: desk in process, the real sla-tracker as a child process, a headless Chromium.
export default {
  displayName: 'desk-e2e',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  testMatch: ['**/*.e2e-spec.ts'],
  testTimeout: 240000,
};
