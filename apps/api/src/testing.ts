import { demoPassword } from '@jalon/db/seed';
import type { Hono } from 'hono';
import { must } from '@jalon/domain';

/** The origin `app.request` answers as (Hono's default host). */
export const testOrigin = 'http://localhost';

/**
 * Signs a demo user in through `POST /api/auth/login`, as the web app's page would, and gives the
 * `Cookie` header the following requests carry.
 */
export async function signIn(app: Hono, email: string, password = demoPassword): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: testOrigin },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return must(cookie.split(';')[0], 'the session cookie');
}
