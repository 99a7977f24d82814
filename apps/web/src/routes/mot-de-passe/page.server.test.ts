import { describe, expect, it, vi } from 'vitest';
import { failure, ok } from '../../../test/fake-api';
import { postAction } from '../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');
const url = 'http://web.test/mot-de-passe';
const typed = {
  current: 'jalon-demo-2023',
  next: 'les manguiers de Kayes',
  confirm: 'les manguiers de Kayes',
};

describe('changing one’s own password', () => {
  it('sends the current and the new password, and says how many other sessions closed', async () => {
    const run = await postAction(actions.default, url, typed, () => ok({ sessionsClosed: 1 }));
    expect(run.calls).toEqual([
      {
        procedure: 'session.changePassword',
        input: { current: 'jalon-demo-2023', next: 'les manguiers de Kayes' },
      },
    ]);
    expect(run.redirect).toEqual(
      expect.objectContaining({ status: 303, location: '/mot-de-passe?change=1' }),
    );
  });

  it('refuses two different entries before asking, and sends no password back', async () => {
    const run = await postAction(actions.default, url, { ...typed, confirm: 'autre chose' }, () =>
      ok({}),
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toEqual({
      status: 400,
      data: {
        errors: [
          { field: 'confirm', message: 'Les deux saisies du nouveau mot de passe diffèrent.' },
        ],
        apiError: null,
      },
    });
    expect(JSON.stringify(run.result)).not.toContain('manguiers');
  });

  it('shows the API’s refusal (a wrong current password, a common one) in its words', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Ce mot de passe est parmi les premiers essayés.';
    const run = await postAction(actions.default, url, typed, () =>
      failure('BAD_REQUEST', said, 400),
    );
    expect(run.result).toEqual({
      status: 400,
      data: { errors: [], apiError: { code: 'BAD_REQUEST', detail: said } },
    });
  });
});

describe('the password page load', () => {
  const loaded = async (mustChangePassword: boolean, search = '') =>
    load({
      parent: async () => ({ me: { mustChangePassword } }),
      url: new URL(`${url}${search}`),
    } as unknown as Parameters<typeof load>[0]);

  it('says when the password must be changed before anything else', async () => {
    expect(await loaded(true)).toEqual({ closed: null, required: true });
    expect(await loaded(false, '?change=2')).toEqual({ closed: 2, required: false });
  });
});
