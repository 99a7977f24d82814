import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Workbooks are written and read back twice (exceljs and an independent reader of our own) and IATI goes through xmllint.
    testTimeout: 60000,
  },
});
