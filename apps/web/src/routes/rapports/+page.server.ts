import { fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { can } from '$lib/navigation';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { chooseTemplate, reportQuery } from '$lib/reports';
import { createApiClient, describeApiError, type ApiClient } from '$lib/server/trpc';
import { changedComments } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * Whether the grant's period was submitted, and when (and by whom, for those who read the audit
 * trail): the snapshot's facts without its model, which may be large and is not shown.
 */
async function submission(
  api: ApiClient,
  grant: string,
  period: string,
  me: { procedures: readonly string[] } | null,
) {
  try {
    const snapshot = await api.report.snapshot.query({ grant, period });
    if (!snapshot) return { ok: true as const, snapshot: null };
    let submittedBy: string | null = null;
    if (can(me, 'audit.list')) {
      // Who submitted is in the audit trail (the snapshot keeps her id, not her name).
      const audit = await api.audit.list
        .query({ entity: 'report', entityId: snapshot.id, limit: 1 })
        .catch(() => null);
      submittedBy = audit?.items[0]?.user?.email ?? null;
    }
    return {
      ok: true as const,
      snapshot: {
        id: snapshot.id,
        grant: snapshot.grant.code,
        period: snapshot.period,
        template: snapshot.template.id,
        sha256: snapshot.sha256,
        submittedAt: snapshot.submittedAt,
        submittedBy,
      },
    };
  } catch (error) {
    console.error('[web] /rapports: snapshot failed', error);
    return { ok: false as const, error: describeApiError(error) };
  }
}

/**
 * The grant's indicators by code, for the comment boxes (report.setComment names an indicator by
 * its id, the preview by its code): only for a role that may write comments.
 */
async function commentableIndicators(
  api: ApiClient,
  grantId: string | null,
  me: { procedures: readonly string[] } | null,
) {
  if (!grantId || !can(me, 'report.setComment')) return null;
  try {
    const { items } = await api.indicator.list.query({ grantId });
    return { ok: true as const, items: items.map((i) => ({ id: i.id, code: i.code })) };
  } catch (error) {
    console.error('[web] /rapports: indicators failed', error);
    return { ok: false as const, error: describeApiError(error) };
  }
}

/**
 * Whether the grant's exchange mapping has its DHIS2 part, so that the dataValueSet can be
 * downloaded (without it the route refuses, naming what is missing): asked only of a reader who
 * may both download it and read the mapping; false otherwise, and when the API cannot say.
 */
async function dhis2Mapped(
  api: ApiClient,
  grant: string,
  me: { procedures: readonly string[] } | null,
): Promise<boolean> {
  if (!me || !can(me, 'adx.dhis2') || !can(me, 'adx.mapping')) return false;
  return api.adx.mapping
    .query({ grant })
    .then((r) => Boolean(r.mapping?.dhis2))
    .catch((error: unknown) => {
      console.error('[web] /rapports: exchange mapping failed', error);
      return false;
    });
}

export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const grant = url.searchParams.get('grant')?.trim() || null;
  const askedTemplate = url.searchParams.get('template')?.trim() || null;
  const submitted = url.searchParams.has('soumis');
  // The confirmation step of « Soumettre le rapport au bailleur »: a page of its own, no script needed.
  const confirming = url.searchParams.has('soumettre');

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
      dhis2: false,
      submission: null,
      submitted,
      confirming: false,
      commentable: null,
      commented: null,
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
  const commented = url.searchParams.has('commente')
    ? Number(url.searchParams.get('commente')) || 0
    : null;
  if (!grant || !template)
    return {
      filters,
      choices,
      preview: null,
      dhis2: false,
      submission: null,
      submitted,
      confirming: false,
      commentable: null,
      commented,
    };
  const { me } = await parent();
  const [preview, status, commentable, analysis, dhis2] = await Promise.all([
    api.report.preview.query({ grant, period, template }).then(
      (value) => ({ ok: true as const, ...value }),
      (error: unknown) => {
        console.error('[web] /rapports: preview failed', error);
        return { ok: false as const, error: describeApiError(error) };
      },
    ),
    submission(api, grant, period, me),
    commentableIndicators(api, selectedGrant?.id ?? null, me),
    // The report's own analysis, in the page's language, for whoever may write it.
    can(me, 'reportText.set')
      ? api.reportText.get
          .query({ grant, period })
          .then((t) => t[getLocale()] ?? '')
          .catch((error: unknown) => {
            console.error('[web] /rapports: analysis failed', error);
            return null;
          })
      : Promise.resolve(null),
    dhis2Mapped(api, grant, me),
  ]);
  return {
    filters,
    choices,
    preview,
    dhis2,
    submission: status,
    submitted,
    confirming: confirming && status.ok && status.snapshot === null,
    commentable,
    commented,
    analysis,
  };
};

export const actions = {
  /**
   * Saves the comments that changed (`comment:<indicatorId>` beside `was:<indicatorId>`), one
   * call each: a refusal (period locked, text too long, role) names its indicator, the others are
   * saved, and every text typed comes back.
   */
  comments: async ({ request, fetch }) => {
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const query = { grant: text('grant'), period: text('period'), template: text('template') };
    const changed = changedComments(form);
    const typed = Object.fromEntries(changed.map((c) => [c.indicatorId, c.comment]));
    const api = createApiClient(fetch, { locale: getLocale() });
    const refused: { code: string; reason: string }[] = [];
    let status = 400;
    // The report's analysis (« Analyse »), when its box is on the page and was changed.
    const analysis = form.has('analysis') ? text('analysis') : null;
    const analysisChanged = analysis !== null && analysis !== text('was:analysis');
    let analysisKept: string | null = null;
    if (analysisChanged) {
      try {
        await api.reportText.set.mutate({
          grant: query.grant,
          period: query.period,
          text: analysis,
        });
      } catch (error) {
        console.error('[web] /rapports: analysis refused', error);
        const apiError = describeApiError(error);
        status = failureStatus(apiError);
        analysisKept = analysis;
        refused.push({
          code: m.narrative_analysis_label(),
          reason:
            apiError.code === 'UNREACHABLE' || !apiError.detail
              ? m.setup_unreachable()
              : apiError.detail,
        });
      }
    }
    for (const { indicatorId, comment } of changed) {
      try {
        await api.report.setComment.mutate({
          grant: query.grant,
          period: query.period,
          indicatorId,
          comment: comment === '' ? null : comment,
        });
        delete typed[indicatorId];
      } catch (error) {
        console.error('[web] /rapports: comment refused', error);
        const apiError = describeApiError(error);
        status = failureStatus(apiError);
        refused.push({
          code: text(`code:${indicatorId}`) || indicatorId,
          reason:
            apiError.code === 'UNREACHABLE' || !apiError.detail
              ? m.setup_unreachable()
              : apiError.detail,
        });
      }
    }
    if (refused.length > 0)
      return fail(status, {
        narrative: {
          typed,
          refused,
          ...(analysisKept !== null ? { analysis: analysisKept } : {}),
        },
      });
    const saved = changed.length + (analysisChanged ? 1 : 0);
    redirect(303, `${localizeHref('/rapports')}?${reportQuery(query)}&commente=${saved}#analyse`);
  },

  /**
   * Submits the grant's report for the period, which locks the period: only from the confirmation
   * step (`confirm=yes`), so a stray post submits nothing. A refusal (period already submitted,
   * figures changed meanwhile, a role that may not) is said on the page, the choices kept.
   */
  submit: async ({ request, fetch }) => {
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const query = { grant: text('grant'), period: text('period'), template: text('template') };
    if (form.get('confirm') !== 'yes' || !query.grant || !query.period)
      return fail(400, {
        submitReport: {
          apiError: null,
          message: m.reportSubmit_not_confirmed(),
        },
      });
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.report.submit.mutate({
        grant: query.grant,
        period: query.period,
        template: query.template || undefined,
      });
    } catch (error) {
      console.error('[web] /rapports: submission refused', error);
      const apiError = describeApiError(error);
      return fail(failureStatus(apiError), { submitReport: { apiError, message: null } });
    }
    redirect(303, `${localizeHref('/rapports')}?${reportQuery(query)}&soumis=1#soumission`);
  },
} satisfies Actions;
