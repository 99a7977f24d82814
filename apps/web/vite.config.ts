import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
// eslint-disable-next-line no-restricted-syntax -- i18n.config.js is a JavaScript file (read by scripts/compile-i18n.js too)
import { i18nOptions } from './i18n.config.js';

// Vitest runs in mode `test`, without the Paraglide plugin (its compiler leaves timers behind);
// test/global-setup.ts compiles the messages once instead.
export default defineConfig(({ mode }) => ({
  plugins: [...(mode === 'test' ? [] : [paraglideVitePlugin(i18nOptions)]), sveltekit()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
  },
}));
