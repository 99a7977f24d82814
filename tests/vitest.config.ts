import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Each file starts its own server and browser: one at a time on 2 cores.
    fileParallelism: false,
  },
});
