import type { ServerResponse } from 'node:http';

/**
 * The policy of everything that is not one of the web app's pages (JSON, files, errors): nothing
 * may load, run or frame it. The pages bring their own, with a nonce per response (kit.csp in
 * apps/web/svelte.config.js), which replaces this one.
 */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers every response carries, set before anyone answers (pages may refine the CSP). */
export function securityHeaders(https: boolean): [string, string][] {
  return [
    ['content-security-policy', API_CSP],
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

export function applySecurityHeaders(res: ServerResponse, https: boolean): void {
  for (const [name, value] of securityHeaders(https)) res.setHeader(name, value);
}
