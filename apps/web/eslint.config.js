import svelte from '@jalon/eslint-config/svelte';

export default [
  ...svelte,
  {
    rules: {
      // Links go through Paraglide's `localizeHref` (`/activites` → `/en/activities`), which
      // this rule does not know. No `paths.base` is configured, so `resolve()` adds nothing.
      'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }],
    },
  },
];
