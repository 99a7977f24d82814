import { getLocale } from '$lib/paraglide/runtime';
import { doneOf, loadOrSay, postedId, saveOrFail, setupActions } from '$lib/server/setup';
import { createApiClient } from '$lib/server/trpc';
import { checkUser, readValues, USER_FIELDS, type FormValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * The organisation's members (network admin only: the API refuses anyone else, and the page says
 * so), what their roles may be limited to, and the member being edited (`?modifier=<userId>`).
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const data = await loadOrSay('/parametres/utilisateurs', async () => {
    const [users, programmes, grants] = await Promise.all([
      api.user.list.query(),
      api.programme.list.query(),
      api.grant.list.query(),
    ]);
    return {
      // `id` for the list component: a member is named by her user id.
      users: users.items.map((u) => ({ ...u, id: u.userId })),
      programmes: programmes.items.map((p) => ({ id: p.id, code: p.code, name: p.name })),
      grants: grants.items.map((g) => ({ id: g.id, code: g.code, title: g.title })),
    };
  });
  const editId = url.searchParams.get('modifier');
  return {
    data,
    editing: (data.ok && data.users.find((u) => u.id === editId)) || null,
    done: doneOf(url),
  };
};

const scopesOf = (form: FormData) => ({
  programmeIds: form.getAll('programmeIds').map(String).filter(Boolean),
  grantIds: form.getAll('grantIds').map(String).filter(Boolean),
});
const read = (form: FormData): FormValues => {
  const scopes = scopesOf(form);
  const values = readValues(form, USER_FIELDS);
  return {
    ...values,
    // what the page says was saved: the member's address
    code: (values.email ?? '').toLowerCase(),
    programmeIds: scopes.programmeIds.join(','),
    grantIds: scopes.grantIds.join(','),
  };
};

/** Changing a role and deactivating go back to the list; an invitation stays to show the password. */
const { save: setRole, delete: deactivate } = setupActions({
  path: '/parametres/utilisateurs',
  form: 'user',
  read,
  check: (values, id, form) => checkUser(values, scopesOf(form), id === null),
  save: (api, { role, programmeIds, grantIds }, id) =>
    api.user.setRole.mutate({ userId: id ?? '', role, programmeIds, grantIds }),
  remove: (api, { id }) => api.user.deactivate.mutate({ userId: id }),
});

export const actions = {
  /**
   * Invites a member (no `id`): her temporary password is answered to this page once, never put
   * in an address or a log; or changes the role of the member named by `id`.
   */
  save: async (event) => {
    const form = await event.request.clone().formData();
    if (postedId(form)) return setRole(event);
    const values = read(form);
    const api = createApiClient(event.fetch, { locale: getLocale() });
    const got: { temporaryPassword?: string | null } = {};
    const failed = await saveOrFail(
      { form: 'user', id: null, values },
      checkUser(values, scopesOf(form), true),
      async (input) => {
        got.temporaryPassword = (await api.user.create.mutate(input)).temporaryPassword;
      },
    );
    if (failed) return failed;
    return {
      invited: {
        email: (values.email ?? '').toLowerCase(),
        temporaryPassword: got.temporaryPassword ?? null,
      },
    };
  },
  delete: deactivate,

  /**
   * Gives the member named by `id` a new temporary password, answered to this page once (never in
   * an address or a log); her sessions close at once.
   */
  resetPassword: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form);
    const email = String(form.get('email') ?? '').trim();
    const api = createApiClient(fetch, { locale: getLocale() });
    const got: { temporaryPassword?: string; sessionsClosed?: number } = {};
    const failed = await saveOrFail(
      { form: 'reset', id, values: { email } },
      { ok: true, input: { userId: id } },
      async (input) => Object.assign(got, await api.user.resetPassword.mutate(input)),
    );
    if (failed) return failed;
    return {
      reset: {
        email,
        temporaryPassword: got.temporaryPassword ?? '',
        sessionsClosed: got.sessionsClosed ?? 0,
      },
    };
  },
} satisfies Actions;
