import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { i18nOptions } from './i18n.config.js';

export default defineConfig({
  plugins: [...(process.env.VITEST ? [] : [paraglideVitePlugin(i18nOptions)]), sveltekit()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
  },
});
