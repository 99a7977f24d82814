import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    // The benchmark is a script of its own, run by hand: it reads ROWS and RUNS from the
    // environment like an app's env.ts would.
    files: ['bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
