import type { ServerEnv } from './env';
import { defaultBodyLimits } from './http/limits';
import type { Logger } from './http/logger';
import { describe } from './http/problems';
import type { RunningServer, StartServerOptions } from './server';

/** The server options the environment sets (public URL, HTTPS, trusted origins, hosts and proxies, upload cap). */
export function serverOptionsFromEnv(
  env: ServerEnv,
): Pick<
  StartServerOptions,
  'https' | 'publicUrls' | 'trustedOrigins' | 'allowedHosts' | 'trustedProxies' | 'bodyLimits'
> {
  return {
    https: env.JALON_HTTPS,
    trustedProxies: env.JALON_TRUSTED_PROXIES,
    publicUrls: env.JALON_PUBLIC_URL,
    trustedOrigins: env.JALON_TRUSTED_ORIGINS,
    allowedHosts: env.JALON_ALLOWED_HOSTS,
    bodyLimits: { ...defaultBodyLimits, upload: env.JALON_MAX_UPLOAD_BYTES },
  };
}

/**
 * Graceful shutdown on SIGTERM and SIGINT: stop accepting, let the requests in flight finish
 * (10 s at most), close the database, exit 0. A second signal exits at once.
 */
export function stopOnSignals(
  server: RunningServer,
  closeDatabase: () => Promise<void>,
  log: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal: exiting without waiting', { signal });
      return exit(1);
    }
    stopping = true;
    log.info('stopping: finishing the requests in flight', { signal });
    server
      .close()
      .then(closeDatabase)
      .then(
        () => {
          log.info('stopped', { signal });
          exit(0);
        },
        (e: unknown) => {
          log.error('stopping failed', { error: describe(e) });
          exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
