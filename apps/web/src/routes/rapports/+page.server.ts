import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { chooseTemplate } from '$lib/reports';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, fetch }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const grant = url.searchParams.get('grant')?.trim() || null;
  const askedTemplate = url.searchParams.get('template')?.trim() || null;

  const api = createApiClient(fetch, { locale: getLocale() });
  const [templates, grants] = await Promise.allSettled([
    api.report.templates.query(),
    api.grant.list.query(),
  ]);
  for (const result of [templates, grants]) {
    if (result.status === 'rejected')
      console.error('[web] /rapports: API call failed', result.reason);
  }
  if (templates.status === 'rejected' || grants.status === 'rejected') {
    const reason = templates.status === 'rejected' ? templates.reason : null;
    return {
      filters: { period, grant, template: askedTemplate },
      choices: {
        ok: false as const,
        error: describeApiError(
          reason ?? (grants.status === 'rejected' ? grants.reason : undefined),
        ),
      },
      preview: null,
    };
  }

  const selectedGrant = grant ? grants.value.items.find((g) => g.code === grant) : undefined;
  const template = chooseTemplate(
    templates.value.items,
    askedTemplate,
    selectedGrant?.reportTemplate ?? null,
  );
  const filters = { period, grant, template };
  const choices = {
    ok: true as const,
    templates: templates.value.items,
    grants: grants.value.items,
  };
  // No grant chosen yet: nothing to preview (the page asks for one).
  if (!grant || !template) return { filters, choices, preview: null };
  try {
    return {
      filters,
      choices,
      preview: {
        ok: true as const,
        ...(await api.report.preview.query({ grant, period, template })),
      },
    };
  } catch (error) {
    console.error('[web] /rapports: preview failed', error);
    return { filters, choices, preview: { ok: false as const, error: describeApiError(error) } };
  }
};
