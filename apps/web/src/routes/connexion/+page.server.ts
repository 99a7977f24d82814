import { fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { readEnv } from '$lib/server/env';
import { safeNext, sessionCookieName, sessionFromSetCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
  const { me } = await parent();
  const next = safeNext(url.searchParams.get('suite'), localizeHref('/tableau-de-bord'));
  // Already signed in: nothing to do here.
  if (me) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  /**
   * Signs in through the API (`POST /api/auth/login`), which checks the password, throttles and
   * opens the database session; this server then sets the same HttpOnly cookie on its answer.
   */
  default: async ({ request, fetch, cookies }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeNext(String(form.get('suite') ?? ''), localizeHref('/tableau-de-bord'));
    if (!email || !password)
      return fail(400, { email, next, error: 'missing' as const, message: null });
    const env = readEnv();
    let res: Response;
    try {
      res = await fetch(`${env.apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': getLocale() },
        body: JSON.stringify({ email, password }),
      });
    } catch {
      return fail(503, { email, next, error: 'unreachable' as const, message: null });
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return fail(res.status === 429 ? 429 : 400, {
        email,
        next,
        error: res.status === 429 ? ('throttled' as const) : ('refused' as const),
        message: body?.error?.message ?? null,
      });
    }
    const session = sessionFromSetCookie(res.headers.get('set-cookie'), env.https);
    if (!session) return fail(502, { email, next, error: 'unreachable' as const, message: null });
    cookies.set(sessionCookieName(env.https), session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.https,
      expires: session.expires,
    });
    redirect(303, next);
  },
};
