import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // ECharts renders every chart in the property test; the machine is shared.
    testTimeout: 60000,
  },
});
