import { env as privateEnv } from '$env/dynamic/private';

const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/**
 * Reads and checks the web app's environment once. Read at request time (dynamic env), because
 * the Hono server of apps/api sets `JALON_API_URL` to its own address just before it imports
 * the built handler.
 */
export function readEnv(source: Record<string, string | undefined> = privateEnv) {
  const raw = source.JALON_API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`JALON_API_URL is not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`JALON_API_URL must be an http(s) URL, got "${raw}"`);
  }
  // Trailing slashes would give `//trpc`.
  return {
    apiUrl: url.href.replace(/\/+$/, ''),
    /** Users reach Jalon over HTTPS: the session cookie is `__Host-` prefixed and Secure (as the API sets it). */
    https: source.JALON_HTTPS === '1' || source.JALON_HTTPS === 'true',
    /**
     * Set by the Jalon server this app runs in: sent with the browser's address it relays, so the
     * API counts sign-in attempts against the browser rather than against loopback.
     */
    relaySecret: source.JALON_RELAY_SECRET?.trim() || null,
  };
}
