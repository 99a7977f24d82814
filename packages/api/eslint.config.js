import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    // Functions still over the 120-line limit of max-lines-per-function, to split next: buildWorld
    // (265) and buildOrganisationB (133), the security matrix fixture; indicatorsOf (137).
    files: ['src/security/world.ts', 'src/services/report-model.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
];
