import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Compiles the messages once before the tests, as the build does. In a child process: the
 * compiler leaves timers behind that would keep Vitest from closing (and Vitest runs without
 * the Paraglide Vite plugin for the same reason).
 */
export default function setup() {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/compile-i18n.js', import.meta.url))],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'inherit',
    },
  );
}
