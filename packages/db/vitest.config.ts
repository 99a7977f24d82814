import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // PGlite needs seconds to start, more when turbo runs several suites at once.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
