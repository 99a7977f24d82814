import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The rules every TypeScript package of Jalon shares: the recommended TypeScript set,
 * plus the few that catch real mistakes in this code base (floating promises are left to
 * review: type-aware linting costs too much on these 2-core machines).
 */
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/coverage/**',
      '**/drizzle/**',
      '**/paraglide/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      // A value the code expects is checked, not asserted: `must(value, 'what')` from
      // @jalon/domain throws a named MissingValueError where `value!` would go on with undefined.
      '@typescript-eslint/no-non-null-assertion': 'error',
      // One import statement per module; a type-only import beside a value import is allowed
      // (consistent-type-imports writes them that way).
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // The environment is read in one place per app (`env.ts`), validated there; packages
      // receive their configuration as arguments.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: "Read the environment in the app's env.ts and pass configuration as arguments.",
        },
      ],
      // The same rule for the environment imported rather than read off `process`.
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({
            name,
            importNames: ['env'],
            message:
              "Read the environment in the app's env.ts and pass configuration as arguments.",
          })),
        },
      ],
    },
  },
  {
    // TypeScript and Svelte sources only: a JavaScript entry (a `bin/*.js`) names the `.ts` file it runs.
    files: ['**/*.ts', '**/*.mts', '**/*.svelte'],
    rules: {
      // One convention for relative imports: no suffix (`./period`, not `./period.js`). Every
      // package resolves with `moduleResolution: Bundler` and runs through tsx, Vite or Vitest,
      // which all find the `.ts` file; a real `.js` file beside the code is imported with a
      // disable comment naming it.
      'no-restricted-syntax': [
        'error',
        ...[
          'ImportDeclaration',
          'ExportNamedDeclaration',
          'ExportAllDeclaration',
          'ImportExpression',
        ].map((node) => ({
          selector: `${node}[source.value=/^[.][.]?[/].*[.][cm]?[jt]s$/]`,
          message: 'Write relative imports without a suffix (`./module`, not `./module.js`).',
        })),
      ],
    },
  },
  {
    // A function longer than a screenful is split into named steps. Tests (a `describe` holds
    // its cases) and Svelte components are left out; the few functions still over the limit are
    // listed by file in their package's eslint.config.js.
    files: ['**/*.ts', '**/*.mts'],
    ignores: ['**/*.test.ts', 'tests/**', '**/testing.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The places that are entry points of their own: each app's env.ts, and test files, which
    // read the environment they run in (CI, TEST_DATABASE_URL, CHROMIUM_PATH).
    files: ['**/env.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
);
