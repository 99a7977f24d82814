import type { ServerResponse } from 'node:http';

/**
 * The policy of everything that is not one of the web app's pages (JSON, files, errors): nothing
 * may load, run or frame it. The pages bring their own, with a nonce per response (kit.csp in
 * apps/web/svelte.config.js), which replaces this one.
 */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The web app's service worker (`/service-worker.js`): a worker runs under its script's own
 * policy, and it fetches Jalon's files and pages to keep them for offline use — from Jalon only.
 */
export const WORKER_CSP =
  "default-src 'none'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const serviceWorkerPath = '/service-worker.js';

/** The headers every response carries, set before anyone answers (pages may refine the CSP). */
export function securityHeaders(https: boolean, path = ''): [string, string][] {
  return [
    ['content-security-policy', path === serviceWorkerPath ? WORKER_CSP : API_CSP],
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
    // Sent to Jalon itself only (the CSRF guard's fallback), never to another site.
    ['referrer-policy', 'same-origin'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ...(https
      ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

export function applySecurityHeaders(res: ServerResponse, https: boolean, path = ''): void {
  for (const [name, value] of securityHeaders(https, path)) res.setHeader(name, value);
}
