import { builtinModules } from 'node:module';
import base from '@jalon/eslint-config/base';

const pure = 'packages/domain is pure: no I/O, and nothing of ours (it is what the others import).';

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: pure })),
          patterns: [
            { group: ['node:*'], message: pure },
            { group: ['@jalon/*'], message: pure },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
];
