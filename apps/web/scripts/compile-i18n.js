// Compiles the messages without Vite, for `svelte-check` on a clean clone.
import { compile } from '@inlang/paraglide-js';
import { i18nOptions } from '../i18n.config.js';

await compile(i18nOptions);
