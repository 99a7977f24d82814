import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
// eslint-disable-next-line no-restricted-syntax -- i18n.config.js is a JavaScript file (read by scripts/compile-i18n.js too)
import { i18nOptions } from './i18n.config.js';

// Vitest runs in mode `test`, without the Paraglide plugin (its compiler leaves timers behind);
// test/global-setup.ts compiles the messages once instead.
export default defineConfig(({ mode }) => ({
  plugins: [...(mode === 'test' ? [] : [paraglideVitePlugin(i18nOptions)]), sveltekit()],
  // Fewer, larger files: on a field connection (Slow 3G, 400 ms a round trip, six connections)
  // the number of requests costs more than their bytes. Svelte's runtime and SvelteKit's client
  // are one file, shared by every page, and so are the messages and helpers of $lib that several
  // pages use (tests/browser/page-weight.test.ts measures both the weight and the time).
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'runtime', test: /node_modules[\\/]/ },
            // The messages and helpers several pages share: one file each, not one per message.
            { name: 'messages', test: /src[\\/]lib[\\/]paraglide[\\/]/, minShareCount: 2 },
            { name: 'lib', test: /src[\\/]lib[\\/]/, minShareCount: 2 },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
  },
}));
