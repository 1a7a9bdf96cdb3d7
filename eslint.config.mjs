import nx from '@nx/eslint-plugin';

function moduleBoundaries(extraAllowed) {
  return {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', ...extraAllowed],
    depConstraints: [
      // The API never imports console code and the console never imports API code;
      // shared libraries import neither.
      { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared', 'scope:e2e'] },
      // Apps compose features; features use data access, UI and utilities, never apps.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
      },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    ],
  };
}

const base = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/**', '.data/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries([])] },
  },
  {
    // End-to-end tests start the real app from its composition root, the schema check prints the
    // schema the same way `npm run schema:generate` does, and the staff bootstrap is the command's own.
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        moduleBoundaries(['^.*/apps/api/src/app/.*$', '^.*/tools/schema/.*$', '^.*/tools/staff/.*$']),
      ],
    },
  },
  {
    // Benchmarks prepare their database with the same tool as the tests, and the period-close one
    // runs the API's own job from its composition root.
    files: ['bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['^.*/tools/db/.*$', '^.*/apps/api/src/app/.*$'])],
    },
  },
];

export default base;

/** Every console project, the app and its libraries: Angular's rules and the `wb` selector prefix. */
export const consoleConfig = [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...base,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'wb', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'wb', style: 'kebab-case' }],
    },
  },
];
