import svelte from '@jalon/eslint-config/svelte';

const apiOnly =
  'The web app talks to the API only: no database, no report rendering, no file import in the browser bundle.';
const serverOnly = {
  group: [
    '@jalon/db',
    '@jalon/db/*',
    '@jalon/reports',
    '@jalon/reports/*',
    '@jalon/import',
    '@jalon/import/*',
  ],
  message: apiOnly,
};
// The environment is read in one place, src/lib/server/env.ts, validated there (as each app's env.ts).
const envOnce = {
  group: ['$env/*'],
  message: 'Read the environment in src/lib/server/env.ts and import what it exports.',
};
const typesOfApi = {
  name: '@jalon/api',
  allowTypeImports: true,
  message: 'Only the types of @jalon/api: the web app calls it over HTTP.',
};

export default [
  ...svelte,
  {
    rules: {
      // Links go through Paraglide's `localizeHref` (`/activites` → `/en/activities`), which
      // this rule does not know. No `paths.base` is configured, so `resolve()` adds nothing.
      'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // The router's types give the client its types; its code stays on the server.
          paths: [typesOfApi],
          patterns: [
            serverOnly,
            envOnce,
            { group: ['@jalon/api/*'], allowTypeImports: true, message: apiOnly },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // A test may hold the web server's relay to the API's own rule (the CSRF token derivation),
    // which only the API's code states, or to its permission declarations (test/fake-api.ts:
    // what `session.me` gives each role); nothing of it reaches the bundle.
    files: ['src/**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [serverOnly] }],
    },
  },
  {
    files: ['src/lib/server/env.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [typesOfApi],
          patterns: [
            serverOnly,
            { group: ['@jalon/api/*'], allowTypeImports: true, message: apiOnly },
          ],
        },
      ],
    },
  },
];
