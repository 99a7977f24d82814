import { error, fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import { parseAmount, type FieldProblem } from '$lib/setup-forms';
import { grantQuarters, readPasted } from '$lib/targets';
import type { Actions, PageServerLoad } from './$types';

/**
 * The targets and baseline of one of a grant's indicators (`?indicateur=<id>`, the first by
 * default): the grant's quarters on its calendar, the life-of-grant target and the baseline.
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  let grant;
  let indicators;
  try {
    [grant, indicators] = await Promise.all([
      api.grant.byId.query({ id: params.id }),
      api.indicator.list.query({ grantId: params.id }),
    ]);
  } catch (cause) {
    const failure = describeApiError(cause);
    if (failure.code === 'NOT_FOUND') error(404, failure.detail ?? 'Not found');
    console.error('[web] /parametres/subventions/[id]/cibles: API call failed', cause);
    return { grid: { ok: false as const, error: failure }, saved: false };
  }
  const choices = indicators.items.map((i) => ({
    id: i.id,
    code: i.code,
    title: i.title,
    titleEn: i.titleEn,
  }));
  const chosen =
    choices.find((i) => i.id === url.searchParams.get('indicateur')) ?? choices[0] ?? null;
  const quarters = grantQuarters(grant.startDate, grant.endDate, grant.fiscalYearStartMonth);
  const base = {
    ok: true as const,
    grant: { id: grant.id, code: grant.code, title: grant.title },
    indicators: choices,
    indicator: chosen,
    periods: quarters.map((q) => ({ code: q.code, start: q.start, end: q.end })),
  };
  if (!chosen)
    return { grid: { ...base, targets: {}, lifeOfGrant: null, baseline: null }, saved: false };
  const { targets, baselines } = await api.target.list.query({ indicatorId: chosen.id });
  const totals = targets.filter((t) => t.cellKey === '');
  const baseline = baselines.find((b) => b.cellKey === '') ?? null;
  return {
    grid: {
      ...base,
      targets: Object.fromEntries(
        totals.filter((t) => !t.lifeOfGrant).map((t) => [t.periodCode, t.value]),
      ) as Record<string, number>,
      lifeOfGrant: totals.find((t) => t.lifeOfGrant)?.value ?? null,
      baseline: baseline ? { value: baseline.value, year: baseline.year } : null,
    },
    saved: url.searchParams.has('enregistre'),
  };
};

/** What a refused save of the grid sends back: every box as typed, and why. */
export interface TargetsFailure {
  values: Record<string, string>;
  errors: FieldProblem[];
  apiError: ApiFailure | null;
}

export const actions = {
  /**
   * Saves the boxes that changed (`target:<period>`, `target:LOG`, the baseline and its year); a
   * column pasted from a spreadsheet fills the quarters in order first. Nothing is saved until
   * every box reads as a number.
   */
  save: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const indicatorId = String(form.get('indicatorId') ?? '');
    const periods = form.getAll('period').map(String);
    const values: Record<string, string> = {};
    for (const [name, value] of form.entries())
      if (typeof value === 'string' && name !== 'paste') values[name] = value.trim();
    const errors: FieldProblem[] = [];
    const pasted = readPasted(String(form.get('paste') ?? ''));
    if (pasted.length > periods.length)
      errors.push({
        field: 'paste',
        message: m.targets_paste_too_many({ count: pasted.length, periods: periods.length }),
      });
    else
      pasted.forEach((value, i) => {
        const period = periods[i];
        if (period === undefined || value === null) return;
        if (value === undefined)
          errors.push({ field: 'paste', message: m.targets_paste_not_number({ line: i + 1 }) });
        else values[`target:${period}`] = String(value).replace('.', ',');
      });

    const changes: { period: string; value: number }[] = [];
    for (const period of [...periods, 'LOG']) {
      const typed = values[`target:${period}`] ?? '';
      if (typed === (values[`was:${period}`] ?? '')) continue;
      const value = parseAmount(typed);
      if (value === undefined)
        errors.push({
          field: `target:${period}`,
          message: period === 'LOG' ? m.targets_log_not_number() : m.targets_not_number({ period }),
        });
      else if (value !== null) changes.push({ period, value });
    }
    const baselineTyped = values.baseline ?? '';
    const yearTyped = values.baselineYear ?? '';
    const baselineChanged =
      baselineTyped !== (values['was:baseline'] ?? '') ||
      yearTyped !== (values['was:baselineYear'] ?? '');
    const baseline = parseAmount(baselineTyped);
    const year = Number(yearTyped);
    if (baselineChanged && baselineTyped !== '') {
      if (baseline === undefined || baseline === null)
        errors.push({ field: 'baseline', message: m.targets_baseline_not_number() });
      if (!Number.isInteger(year) || year < 1990 || year > 2100)
        errors.push({ field: 'baselineYear', message: m.targets_baseline_year() });
    }
    if (errors.length)
      return fail(400, { values, errors, apiError: null } satisfies TargetsFailure);

    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      for (const { period, value } of changes)
        await api.target.set.mutate({ indicatorId, period, value });
      if (baselineChanged && typeof baseline === 'number')
        await api.target.setBaseline.mutate({ indicatorId, value: baseline, year });
    } catch (cause) {
      console.error('[web] targets: save refused', cause);
      const apiError = describeApiError(cause);
      return fail(failureStatus(apiError), { values, errors, apiError } satisfies TargetsFailure);
    }
    redirect(
      303,
      `${localizeHref(`/parametres/subventions/${params.id}/cibles`)}?indicateur=${indicatorId}&enregistre=1`,
    );
  },
} satisfies Actions;
