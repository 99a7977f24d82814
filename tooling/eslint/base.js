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
    },
  },
);
