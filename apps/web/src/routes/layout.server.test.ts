import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, ok } from '../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+layout.server');

/** A donor viewer's session, her password temporary or not. */
const me = (mustChangePassword: boolean) => ({
  user: { id: 'u1', email: 'pnud@wanep-mali.demo', name: 'PNUD', locale: 'fr' },
  organisation: { id: 'o1', code: 'WANEP-ML', name: 'WANEP-Mali' },
  role: 'donor-viewer',
  programmeIds: [],
  grantIds: ['g1'],
  expiresAt: null,
  mustChangePassword,
  procedures: mustChangePassword ? ['session.me', 'session.changePassword'] : ['session.me'],
});

async function run(routeId: string, mustChangePassword: boolean) {
  const { fetchFn } = fakeFetch(() => ok(me(mustChangePassword)));
  const event = {
    fetch: fetchFn,
    url: new URL(`http://web.test${routeId}`),
    route: { id: routeId },
    setHeaders: () => {},
  };
  try {
    return { data: await load(event as unknown as Parameters<typeof load>[0]), to: null };
  } catch (e) {
    if (isRedirect(e)) return { data: null, to: e.location };
    throw e;
  }
}

describe('the layout of a person with a temporary password', () => {
  it('sends every page but the password page and signing out to the password page', async () => {
    expect((await run('/tableau-de-bord', true)).to).toBe('/mot-de-passe?obligatoire=1');
    expect((await run('/parametres/indicateurs', true)).to).toBe('/mot-de-passe?obligatoire=1');
    expect((await run('/mot-de-passe', true)).to).toBeNull();
    expect((await run('/deconnexion', true)).to).toBeNull();
  });

  it('lets her anywhere once she has chosen her own', async () => {
    expect((await run('/tableau-de-bord', false)).to).toBeNull();
  });
});
