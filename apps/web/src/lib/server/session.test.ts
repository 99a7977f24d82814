import { describe, expect, it } from 'vitest';
import { checkCsrf, csrfTokenFor as apiCsrfTokenFor } from '@jalon/api';
import { apiHeaders, csrfTokenFor, safeNext, sessionFromSetCookie } from './session';

const jar = (values: Record<string, string>) =>
  ({ get: (name: string) => values[name] }) as unknown as Parameters<typeof apiHeaders>[0];

describe('the session as the web server relays it', () => {
  it('forwards the session cookie with that session’s CSRF token (the API’s derivation) and the client address', () => {
    const token = 'a'.repeat(43);
    const h = apiHeaders(jar({ jalon_session: token }), {
      https: false,
      clientAddress: '10.1.2.3',
    });
    expect(h.cookie).toBe(`jalon_session=${token}`);
    expect(h['x-csrf-token']).toBe(apiCsrfTokenFor(token));
    expect(h['x-forwarded-for']).toBe('10.1.2.3');
    // The API believes the address only with the secret of the server this app runs in.
    expect(h).not.toHaveProperty('x-jalon-relay');
    expect(
      apiHeaders(jar({ jalon_session: token }), {
        https: false,
        clientAddress: '10.1.2.3',
        relaySecret: 's3cret',
      })['x-jalon-relay'],
    ).toBe('s3cret');
    expect(
      checkCsrf({
        method: 'POST',
        allowedOrigins: [],
        sessionToken: token,
        csrfHeader: h['x-csrf-token'],
      }).ok,
    ).toBe(true);
    expect(csrfTokenFor('b'.repeat(43))).not.toBe(h['x-csrf-token']);
  });

  it('before sign-in, sends a fresh double-submit pair the API accepts', () => {
    const h = apiHeaders(jar({}), { https: false, clientAddress: null });
    const csrf = h['x-csrf-token'] ?? '';
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h.cookie).toBe(`jalon_csrf=${csrf}`);
    expect(apiHeaders(jar({}), { https: false, clientAddress: null })['x-csrf-token']).not.toBe(
      csrf,
    );
    expect(
      checkCsrf({ method: 'POST', allowedOrigins: [], csrfHeader: csrf, csrfCookie: csrf }).ok,
    ).toBe(true);
  });

  it('uses the __Host- names behind HTTPS and sends no session it does not have', () => {
    const h = apiHeaders(jar({ '__Host-jalon_session': 'x'.repeat(43) }), {
      https: true,
      clientAddress: null,
    });
    expect(h.cookie).toMatch(/^__Host-jalon_session=/);
    expect(h).not.toHaveProperty('x-forwarded-for');
    expect(apiHeaders(jar({}), { https: true, clientAddress: null }).cookie).toMatch(
      /^__Host-jalon_csrf=/,
    );
  });

  it('reads the token and expiry out of the API’s Set-Cookie, and nothing out of a malformed one', () => {
    const token = 'Z'.repeat(43);
    const s = sessionFromSetCookie(
      `jalon_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Expires=Mon, 30 Nov 2026 02:00:00 GMT`,
      false,
    );
    expect(s).toEqual({ token, expires: new Date('2026-11-30T02:00:00Z') });
    expect(sessionFromSetCookie(`jalon_session=short; Path=/`, false)).toBeNull();
    expect(sessionFromSetCookie(`jalon_session=${token}; Path=/`, true)).toBeNull();
    expect(sessionFromSetCookie(null, false)).toBeNull();
  });

  it('only follows a local path after sign-in (no open redirect)', () => {
    expect(safeNext('/activites?period=2023-Q2', '/x')).toBe('/activites?period=2023-Q2');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '', null])
      expect(safeNext(bad, '/tableau-de-bord')).toBe('/tableau-de-bord');
  });
});
