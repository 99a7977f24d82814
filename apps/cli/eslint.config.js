import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    // Functions still over the 120-line limit of max-lines-per-function, to split next: buildProgram (168).
    files: ['src/program.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
];
