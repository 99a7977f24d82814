import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { approvalDone, failureStatus, reasonProblem, type ApprovalAction } from '$lib/approval';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import { parseAmount, readValues, type FieldProblem } from '$lib/setup-forms';
import { grantQuarters } from '$lib/targets';
import type { Actions, PageServerLoad } from './$types';

/** The values entered by hand for a grant's manual indicators, and what the entry form offers. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const done =
    approvalDone(url.searchParams.get('fait')) ??
    (url.searchParams.has('saisie') ? ('set' as const) : null);
  try {
    const [grant, indicators, values] = await Promise.all([
      api.grant.byId.query({ id: params.id }),
      api.indicator.list.query({ grantId: params.id }),
      api.manualValue.list.query({ grantId: params.id }),
    ]);
    return {
      page: {
        ok: true as const,
        grant: { id: grant.id, code: grant.code },
        indicators: indicators.items
          .filter((i) => i.source.kind === 'manual')
          .map((i) => ({ id: i.id, code: i.code, title: i.title, titleEn: i.titleEn })),
        periods: grantQuarters(grant.startDate, grant.endDate, grant.fiscalYearStartMonth).map(
          (q) => q.code,
        ),
        values: values.items,
      },
      done,
    };
  } catch (cause) {
    const failure = describeApiError(cause);
    if (failure.code === 'NOT_FOUND') error(404, failure.detail ?? 'Not found');
    console.error('[web] /parametres/subventions/[id]/valeurs: API call failed', cause);
    return { page: { ok: false as const, error: failure }, done };
  }
};

/** What a refused entry or move sends back: the form, the value it was about, what was typed, why. */
export interface ValueFailure {
  form: 'set' | ApprovalAction;
  id: string | null;
  values: Record<string, string>;
  errors: FieldProblem[];
  apiError: ApiFailure | null;
}

const QUALIFIERS = ['exact', 'approximate', 'at-least'] as const;
const back = (grantId: string, query: string) =>
  `${localizeHref(`/parametres/subventions/${grantId}/valeurs`)}?${query}`;

/** A move of the approval workflow at the version the page showed (a stale one is refused). */
async function move(action: ApprovalAction, { request, fetch, params }: RequestEvent) {
  const form = await request.formData();
  const values = readValues(form, ['id', 'version', 'reason']);
  const id = values.id ?? '';
  const version = Number(values.version);
  const problem = action === 'reject' ? reasonProblem(values.reason ?? '') : null;
  if (problem)
    return fail(400, {
      form: action,
      id,
      values,
      errors: [{ field: 'reason', message: problem }],
      apiError: null,
    } satisfies ValueFailure);
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    if (action === 'reject')
      await api.manualValue.reject.mutate({ id, version, reason: values.reason ?? '' });
    else await api.manualValue[action].mutate({ id, version });
  } catch (cause) {
    console.error(`[web] manual value: ${action} refused`, cause);
    const apiError = describeApiError(cause);
    return fail(failureStatus(apiError), {
      form: action,
      id,
      values,
      errors: [],
      apiError,
    } satisfies ValueFailure);
  }
  redirect(303, back(params.id ?? '', `fait=${action}`));
}

export const actions = {
  /** Enters a value for a period of the grant (a draft, to submit for validation). */
  set: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = readValues(form, ['indicatorId', 'period', 'value', 'qualifier', 'note']);
    const value = parseAmount(values.value ?? '');
    const qualifier = QUALIFIERS.find((q) => q === values.qualifier) ?? 'exact';
    const errors: FieldProblem[] = [];
    if (!values.indicatorId)
      errors.push({ field: 'indicatorId', message: m.values_indicator_required() });
    if (!values.period) errors.push({ field: 'period', message: m.values_period_required() });
    if (value === null || value === undefined)
      errors.push({ field: 'value', message: m.values_value_number() });
    if (errors.length || typeof value !== 'number')
      return fail(400, {
        form: 'set',
        id: null,
        values,
        errors,
        apiError: null,
      } satisfies ValueFailure);
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.manualValue.set.mutate({
        indicatorId: values.indicatorId ?? '',
        period: values.period ?? '',
        value,
        qualifier,
        note: values.note || null,
      });
    } catch (cause) {
      console.error('[web] manual value: entry refused', cause);
      const apiError = describeApiError(cause);
      return fail(failureStatus(apiError), {
        form: 'set',
        id: null,
        values,
        errors: [],
        apiError,
      } satisfies ValueFailure);
    }
    redirect(303, back(params.id, 'saisie=1'));
  },
  submit: (event) => move('submit', event),
  validate: (event) => move('validate', event),
  reject: (event) => move('reject', event),
} satisfies Actions;
