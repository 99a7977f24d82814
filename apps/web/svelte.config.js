import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // `build/handler.js` is mounted by the Hono server of apps/api for every non-API path.
    adapter: adapter({ out: 'build' }),
    // Every page carries a Content-Security-Policy with a nonce for SvelteKit's own inline script
    // (mode auto: nonces for rendered pages, hashes for prerendered ones). Styles allow inline
    // `style` attributes, which Svelte writes; nothing else from anywhere but Jalon itself. The
    // service worker (src/service-worker.ts, registered by SvelteKit's own script) comes from
    // Jalon too: `worker-src 'self'`.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
