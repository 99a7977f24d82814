import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    // Known offenders, left to the packages/api refactoring: each imports the same module in two
    // value import statements.
    files: ['src/routers/activity.ts', 'src/services/bulletin-figures.ts'],
    rules: { 'no-duplicate-imports': 'off' },
  },
];
