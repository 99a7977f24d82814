import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Property tests and workbooks read back; on a loaded 2-core machine 5 s is not enough.
    testTimeout: 60_000,
  },
});
