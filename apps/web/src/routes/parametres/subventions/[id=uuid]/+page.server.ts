import { error, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { postedId, saveOrFail } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { checkNode, NODE_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** A grant's results framework (impact → outcomes → outputs) and the indicators under it. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const done = {
    saved: url.searchParams.get('enregistre'),
    deleted: url.searchParams.has('supprime'),
  };
  let grant;
  try {
    grant = await api.grant.byId.query({ id: params.id });
  } catch (cause) {
    const failure = describeApiError(cause);
    if (failure.code === 'NOT_FOUND') error(404, failure.detail ?? 'Not found');
    console.error('[web] /parametres/subventions/[id]: API call failed', cause);
    return { grant: { ok: false as const, error: failure }, indicators: [], done };
  }
  const indicators = await api.indicator.list
    .query({ grantId: params.id })
    .then((r) => r.items.map((i) => ({ id: i.id, code: i.code, nodeId: i.node?.id ?? null })))
    .catch((cause: unknown) => {
      console.error('[web] /parametres/subventions/[id]: indicators failed', cause);
      return [];
    });
  return { grant: { ok: true as const, ...grant }, indicators, done };
};

export const actions = {
  /** Adds an impact, an outcome or an output; a wrong level under its parent is refused in words. */
  addNode: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = readValues(form, NODE_FIELDS);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'addNode', id: null, values },
      checkNode(values, params.id),
      (node) => api.grant.addNode.mutate(node),
    );
    if (failed) return failed;
    redirect(
      303,
      `${localizeHref(`/parametres/subventions/${params.id}`)}?enregistre=${encodeURIComponent(values.code ?? '')}`,
    );
  },

  /** Renames a node or changes its code (its level and parent stay). */
  updateNode: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = postedId(form);
    const values = readValues(form, NODE_FIELDS);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'updateNode', id, values },
      checkNode(values, params.id),
      ({ code, title, titleEn, assumptions }) =>
        api.grant.updateNode.mutate({ id, node: { code, title, titleEn, assumptions } }),
    );
    if (failed) return failed;
    redirect(
      303,
      `${localizeHref(`/parametres/subventions/${params.id}`)}?enregistre=${encodeURIComponent(values.code ?? '')}`,
    );
  },

  /**
   * Moves a node (with its children and indicators) under another node, or to the top (`''`); a
   * place of the wrong level is refused in the API's words.
   */
  moveNode: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = postedId(form);
    const values = readValues(form, ['parentId', 'code']);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'moveNode', id, values },
      { ok: true, input: { id, parentId: values.parentId || null } },
      (input) => api.grant.moveNode.mutate(input),
    );
    if (failed) return failed;
    redirect(
      303,
      `${localizeHref(`/parametres/subventions/${params.id}`)}?enregistre=${encodeURIComponent(values.code ?? '')}`,
    );
  },

  /** Removes a node without children or indicators (refused in words otherwise). */
  removeNode: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = postedId(form);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'delete', id, values: {} },
      { ok: true, input: { id } },
      (input) => api.grant.removeNode.mutate(input),
    );
    if (failed) return failed;
    redirect(303, `${localizeHref(`/parametres/subventions/${params.id}`)}?supprime=1`);
  },
} satisfies Actions;
