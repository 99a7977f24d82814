import { error, fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import { parseAmount, type FieldProblem } from '$lib/setup-forms';
import { cellLabel } from '$lib/labels';
import { chosenCell, grantQuarters, readPasted, targetCells } from '$lib/targets';
import { parseCellKey } from '@jalon/domain';
import type { Actions, PageServerLoad } from './$types';

/**
 * The targets and baseline of one of a grant's indicators (`?indicateur=<id>`, the first by
 * default) for one breakdown cell (`?cellule=sex=female`, everyone by default): the grant's
 * quarters on its calendar, the life-of-grant target and the baseline, with each target's id (for
 * its « Supprimer » button).
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
    return { grid: { ok: false as const, error: failure }, saved: false, removed: false };
  }
  const choices = indicators.items.map((i) => ({
    id: i.id,
    code: i.code,
    title: i.title,
    titleEn: i.titleEn,
    dimensions: i.dimensions ?? [],
  }));
  const chosen =
    choices.find((i) => i.id === url.searchParams.get('indicateur')) ?? choices[0] ?? null;
  const quarters = grantQuarters(grant.startDate, grant.endDate, grant.fiscalYearStartMonth);
  const cells = targetCells(chosen?.dimensions ?? []);
  const cell = chosenCell(cells, url.searchParams.get('cellule'));
  const base = {
    ok: true as const,
    cells: cells.map((key) => ({ key, label: key === '' ? m.targets_cell_all() : cellOf(key) })),
    cell,
    grant: { id: grant.id, code: grant.code, title: grant.title },
    indicators: choices,
    indicator: chosen,
    periods: quarters.map((q) => ({ code: q.code, start: q.start, end: q.end })),
  };
  const done = {
    saved: url.searchParams.has('enregistre'),
    removed: url.searchParams.has('supprime'),
  };
  if (!chosen)
    return {
      grid: { ...base, targets: {}, ids: {}, lifeOfGrant: null, baseline: null },
      ...done,
    };
  const { targets, baselines } = await api.target.list.query({ indicatorId: chosen.id });
  const totals = targets.filter((t) => t.cellKey === cell);
  const baseline = baselines.find((b) => b.cellKey === cell) ?? null;
  return {
    grid: {
      ...base,
      targets: Object.fromEntries(
        totals.filter((t) => !t.lifeOfGrant).map((t) => [t.periodCode, t.value]),
      ) as Record<string, number>,
      /** each target's id by period code (`LOG` for the life of the grant) */
      ids: Object.fromEntries(totals.map((t) => [t.periodCode, t.id])) as Record<string, string>,
      lifeOfGrant: totals.find((t) => t.lifeOfGrant)?.value ?? null,
      baseline: baseline ? { value: baseline.value, year: baseline.year } : null,
    },
    ...done,
  };
};

/** `Femmes · Jeunes` for `age=youth;sex=female`: sex first, then age, as the breakdowns say it. */
function cellOf(key: string): string {
  const parsed = parseCellKey(key);
  if (!parsed.ok) return key;
  const order = ['sex', 'age', 'disability', 'category'];
  const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
  const entries = Object.entries(parsed.value).sort(([a], [b]) => rank(a) - rank(b));
  return cellLabel(Object.fromEntries(entries));
}

/** Back to the grid of that indicator and cell, saying what was done. */
const gridHref = (grantId: string, indicatorId: string, cell: string, query: string) =>
  `${localizeHref(`/parametres/subventions/${grantId}/cibles`)}?indicateur=${indicatorId}` +
  `${cell ? `&cellule=${encodeURIComponent(cell)}` : ''}&${query}`;

/** The breakdown the form posts (`cellKey`), as the API takes it; everyone when unreadable. */
function postedBreakdown(form: FormData): { cell: string; breakdown: Record<string, string> } {
  const cell = String(form.get('cellKey') ?? '');
  const parsed = parseCellKey(cell);
  return parsed.ok ? { cell, breakdown: { ...parsed.value } } : { cell: '', breakdown: {} };
}

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
    const { cell, breakdown } = postedBreakdown(form);
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

    // everyone's targets are sent without a breakdown, as before cells could be chosen
    const cellOnly = cell ? { breakdown } : {};
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      for (const { period, value } of changes)
        await api.target.set.mutate({ indicatorId, period, ...cellOnly, value });
      if (baselineChanged && typeof baseline === 'number')
        await api.target.setBaseline.mutate({ indicatorId, ...cellOnly, value: baseline, year });
    } catch (cause) {
      console.error('[web] targets: save refused', cause);
      const apiError = describeApiError(cause);
      return fail(failureStatus(apiError), { values, errors, apiError } satisfies TargetsFailure);
    }
    redirect(303, gridHref(params.id, indicatorId, cell, 'enregistre=1'));
  },

  /**
   * Removes the target named by the button pressed (`targetId`); refused, in the API's words, when
   * a submitted report covers its period. What was typed in the other boxes is kept.
   */
  remove: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const indicatorId = String(form.get('indicatorId') ?? '');
    const targetId = String(form.get('targetId') ?? '');
    const { cell } = postedBreakdown(form);
    const values: Record<string, string> = {};
    for (const [name, value] of form.entries())
      if (typeof value === 'string' && name !== 'paste' && name !== 'targetId')
        values[name] = value.trim();
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.target.remove.mutate({ id: targetId });
    } catch (cause) {
      console.error('[web] targets: removal refused', cause);
      const apiError = describeApiError(cause);
      return fail(failureStatus(apiError), {
        values,
        errors: [],
        apiError,
      } satisfies TargetsFailure);
    }
    redirect(303, gridHref(params.id, indicatorId, cell, 'supprime=1'));
  },
} satisfies Actions;
