import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const FATOU = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const FPS = '7a2d2d4f-9a8b-4d66-8e8f-2b3c4d5e6f70';
const url = 'http://web.test/parametres/utilisateurs';
const fatou = {
  userId: FATOU,
  email: 'fatou@example.org',
  name: 'Fatou',
  role: 'programme-officer',
  programmeIds: [FPS],
  grantIds: [],
};

describe('the users page', () => {
  it('lists the members and opens the one asked for', async () => {
    const { fetchFn } = fakeFetch((p) =>
      p === 'user.list'
        ? ok({ items: [fatou] })
        : p === 'programme.list'
          ? ok({ items: [{ id: FPS, code: 'FPS', name: 'Femmes, paix et sécurité' }] })
          : ok({ items: [] }),
    );
    const event = { url: new URL(`${url}?modifier=${FATOU}`), fetch: fetchFn };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(data.data).toMatchObject({ ok: true, users: [{ ...fatou, id: FATOU }] });
    expect(data.editing?.email).toBe('fatou@example.org');
  });

  it('says, without throwing, that only the network admin manages people', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetchFn } = fakeFetch(() => failure('FORBIDDEN', 'Réservé à l’administrateur.', 403));
    const event = { url: new URL(url), fetch: fetchFn };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(data.data).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'Réservé à l’administrateur.' },
    });
  });

  it('invites a programme officer limited to her programme, and shows her temporary password once', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      {
        email: ' Fatou@Example.org',
        name: 'Fatou',
        role: 'programme-officer',
        locale: 'fr',
        programmeIds: [FPS],
      },
      () => ok({ userId: FATOU, temporaryPassword: 'abcde-fghij-kmnpq-rstuv' }),
    );
    expect(run.calls).toEqual([
      {
        procedure: 'user.create',
        input: {
          email: 'fatou@example.org',
          name: 'Fatou',
          locale: 'fr',
          role: 'programme-officer',
          programmeIds: [FPS],
          grantIds: [],
        },
      },
    ]);
    expect(run.redirect).toBeNull();
    expect(run.result).toEqual({
      invited: { email: 'fatou@example.org', temporaryPassword: 'abcde-fghij-kmnpq-rstuv' },
    });
  });

  it('refuses a programme officer without programmes before asking, keeping what was typed', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { email: 'fatou@example.org', name: 'Fatou', role: 'programme-officer' },
      () => ok({}),
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        form: 'user',
        values: { email: 'fatou@example.org', code: 'fatou@example.org' },
        errors: [
          {
            field: 'programmeIds',
            message: 'Cochez au moins un programme pour un chargé de programme.',
          },
        ],
      },
    });
  });

  it('changes a member’s role, and says the last admin in the API’s words', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { id: FATOU, email: 'fatou@example.org', role: 'manager', programmeIds: [FPS] },
      () => ok({ userId: FATOU }),
    );
    expect(run.calls).toEqual([
      {
        procedure: 'user.setRole',
        input: { userId: FATOU, role: 'manager', programmeIds: [], grantIds: [] },
      },
    ]);
    expect(run.redirect?.location).toBe('/parametres/utilisateurs?enregistre=fatou%40example.org');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said =
      'C’est le dernier administrateur du réseau : nommez d’abord un autre administrateur.';
    const refused = await postAction(actions.delete, `${url}?/delete`, { id: FATOU }, () =>
      failure('BAD_REQUEST', said, 400),
    );
    expect(refused.calls).toEqual([{ procedure: 'user.deactivate', input: { userId: FATOU } }]);
    expect(refused.result).toMatchObject({ status: 400, data: { apiError: { detail: said } } });
  });

  it('gives a member a new temporary password, shown once, and says her sessions closed', async () => {
    const run = await postAction(
      actions.resetPassword,
      `${url}?/resetPassword`,
      { id: FATOU, email: fatou.email },
      () => ok({ userId: FATOU, temporaryPassword: 'k7mqd-3xnpa-h4rtv-9wbce', sessionsClosed: 2 }),
    );
    expect(run.calls).toEqual([{ procedure: 'user.resetPassword', input: { userId: FATOU } }]);
    expect(run.redirect).toBeNull();
    expect(run.result).toEqual({
      reset: {
        email: fatou.email,
        temporaryPassword: 'k7mqd-3xnpa-h4rtv-9wbce',
        sessionsClosed: 2,
      },
    });
  });

  it('says a refused reset in the API’s words', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Ce compte a été ouvert par un autre réseau.';
    const run = await postAction(
      actions.resetPassword,
      `${url}?/resetPassword`,
      { id: FATOU, email: fatou.email },
      () => failure('BAD_REQUEST', said, 400),
    );
    expect(run.result).toMatchObject({
      status: 400,
      data: { form: 'reset', id: FATOU, apiError: { code: 'BAD_REQUEST', detail: said } },
    });
  });
});
