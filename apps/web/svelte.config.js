import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // `build/handler.js` is mounted by the Hono server of apps/api for every non-API path.
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
