import base from '@jalon/eslint-config/base';

export default [
  ...base,
  {
    // Known offender, left to the packages/db refactoring: the test database helpers read
    // TEST_DATABASE_URL, CI and JALON_REQUIRE_PG themselves instead of receiving them.
    files: ['src/testing.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Functions still over the 120-line limit of max-lines-per-function, to split next:
    // writeAttendanceRows (135), commitImport (139), undoImport (257).
    files: ['src/repositories/import/commands.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
];
