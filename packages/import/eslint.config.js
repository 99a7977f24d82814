import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
];
