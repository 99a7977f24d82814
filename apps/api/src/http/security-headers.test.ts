import { describe, expect, it } from 'vitest';
import { API_CSP, WORKER_CSP, securityHeaders } from './security-headers';

const csp = (path?: string) => new Map(securityHeaders(false, path)).get('content-security-policy');

describe('the security headers', () => {
  it('let the service worker fetch from Jalon itself, and nothing else', () => {
    expect(csp('/service-worker.js')).toBe(WORKER_CSP);
    expect(WORKER_CSP).toMatch(/default-src 'none'/);
    expect(WORKER_CSP).toMatch(/connect-src 'self'(;|$)/);
    expect(WORKER_CSP).not.toMatch(/script-src|\*/);
  });

  it('keep every other answer closed', () => {
    for (const path of [
      undefined,
      '/',
      '/trpc/session.me',
      '/service-worker.js.map',
      '/x/service-worker.js',
    ])
      expect(csp(path)).toBe(API_CSP);
  });
});
