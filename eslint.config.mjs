import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const KAFKAJS_ONLY_IN_MESSAGING = { name: 'kafkajs', message: 'Only libs/messaging imports kafkajs; use @otklik/messaging.' };
const TEST_HELPERS_MESSAGE = 'Test helpers (src/testing/, @otklik/testing) are left out of production builds: production code may not import them.';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', 'apps/desk/src/console/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // Architecture, checked: apps never import apps; contracts and reference data (domain)
      // depend on nothing of ours; infra libs build on them; tests may use everything.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing', 'type:app'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only the messaging lib talks to Kafka's client library.
    files: ['apps/**/*.ts', 'libs/contracts/**/*.ts', 'libs/platform/**/*.ts', 'libs/observability/**/*.ts', 'libs/config/**/*.ts', 'libs/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [KAFKAJS_ONLY_IN_MESSAGING] }],
    },
  },
  {
    // An app's test helpers live in src/testing/, which its tsconfig.build.json excludes; an
    // exclude does not stop an import from pulling a file into the build, so this rule does.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [KAFKAJS_ONLY_IN_MESSAGING, { name: '@otklik/testing', message: TEST_HELPERS_MESSAGE }],
          patterns: [{ group: ['**/testing', '**/testing/**'], message: TEST_HELPERS_MESSAGE }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', '**/bench/**/*.ts', '**/scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
