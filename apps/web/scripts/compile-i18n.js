// Compiles the messages without Vite: for `svelte-check` on a clean clone, and for the tests.
// `node scripts/compile-i18n.js [--outdir <dir>]`
import { parseArgs } from 'node:util';
import { compile } from '@inlang/paraglide-js';
import { i18nOptions } from '../i18n.config.js';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
await compile({ ...i18nOptions, ...(values.outdir ? { outdir: values.outdir } : {}) });
// The compiler's lix engine leaves 30-second timers behind after closing the project, which
// would keep this process alive for half a minute after the work is done.
process.exit(0);
