import { error, fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { formValuesOf, mappingOf, type ExchangeShape } from '$lib/exchange-mapping';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import type { Actions, PageServerLoad } from './$types';

/** The grant's indicators with their breakdowns and the organisation's regions: what the form asks about. */
async function shapeOf(api: ReturnType<typeof createApiClient>, grantId: string) {
  const [grant, indicators, places] = await Promise.all([
    api.grant.byId.query({ id: grantId }),
    api.indicator.list.query({ grantId }),
    api.place.list.query({ level: 'region', sort: 'name', limit: 1000 }),
  ]);
  const shape: ExchangeShape = {
    grant: grant.code,
    indicators: indicators.items
      .filter((i) => i.unit !== 'qualitative')
      .map((i) => ({ code: i.code, dimensions: i.dimensions ?? [] })),
    regions: places.items.map((p) => ({ path: p.path, name: p.name })),
  };
  return { grant: { id: grant.id, code: grant.code, title: grant.title }, shape };
}

/**
 * A grant's ADX / DHIS2 exchange mapping: the data element of each indicator's total and
 * breakdowns, the category and option codes, DHIS2's category option combination of every cell,
 * an org unit per region. Filled with the stored mapping, else Jalon's own codes.
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    const { grant, shape } = await shapeOf(api, params.id);
    const { mapping, version } = await api.adx.mapping.query({ grant: grant.code });
    return {
      page: {
        ok: true as const,
        grant,
        shape,
        stored: mapping !== null,
        values: { ...formValuesOf(mapping, shape), version: String(version) },
      },
      saved: url.searchParams.has('enregistre'),
    };
  } catch (cause) {
    const failure = describeApiError(cause);
    if (failure.code === 'NOT_FOUND') error(404, failure.detail ?? 'Not found');
    console.error('[web] /parametres/subventions/[id]/echange: API call failed', cause);
    return { page: { ok: false as const, error: failure }, saved: false };
  }
};

/**
 * What a refused save sends back: every box as typed, and the API's reason. A save from a stale
 * version (someone saved in between) also brings the version now stored, so saving again after
 * reading theirs is a deliberate overwrite, never a silent one.
 */
export interface ExchangeFailure {
  values: Record<string, string>;
  apiError: ApiFailure;
  conflict: boolean;
  /** After a conflict: the boxes as the mapping now stored fills them (theirs), to compare with mine. */
  theirs: Record<string, string> | null;
}

/** The version the form was read at (0: nothing stored); anything else is no version. */
function versionOf(values: Record<string, string>): number {
  const v = Number(values.version ?? '');
  return Number.isInteger(v) && v >= 0 ? v : -1;
}

export const actions = {
  /** Stores the mapping the boxes say; refused, every box comes back as typed with the reason. */
  save: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (typeof value === 'string') values[name] = value;
    const api = createApiClient(fetch, { locale: getLocale() });
    let code = '';
    let shape: ExchangeShape | null = null;
    try {
      const found = await shapeOf(api, params.id);
      code = found.grant.code;
      shape = found.shape;
      await api.adx.setMapping.mutate({
        grant: code,
        version: versionOf(values),
        mapping: mappingOf(values, found.shape),
      });
    } catch (cause) {
      const apiError = describeApiError(cause);
      const conflict = apiError.code === 'CONFLICT';
      // The boxes keep what was typed; the version becomes the one now stored, so that saving
      // again, having been told, replaces theirs on purpose.
      // Theirs, box by box, beside what was typed: the page compares them field by field.
      let theirs: Record<string, string> | null = null;
      if (conflict) {
        const now = await api.adx.mapping.query({ grant: code }).catch(() => null);
        values.version = String(now?.version ?? versionOf(values));
        if (now && shape)
          theirs = { ...formValuesOf(now.mapping, shape), version: String(now.version) };
      }
      return fail(conflict ? 409 : 400, {
        values,
        apiError,
        conflict,
        theirs,
      } satisfies ExchangeFailure);
    }
    redirect(303, `${localizeHref(`/parametres/subventions/${params.id}/echange`)}?enregistre=1`);
  },
} satisfies Actions;
