import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import {
  attendanceRowsToInput,
  compactAttendanceRows,
  readAttendanceForm,
  type AttendanceFailure,
} from '$lib/attendance-form';
import {
  approvalDone,
  failureStatus,
  reasonProblem,
  type ApprovalAction,
  type ApprovalFailure,
} from '$lib/approval';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const saved = url.searchParams.has('saved');
  const attendanceSaved = url.searchParams.has('participants');
  const approved = approvalDone(url.searchParams.get('approbation'));
  try {
    const [activity, attendance] = await Promise.all([
      api.activity.byId.query({ id: params.id }),
      api.attendance.list.query({ activityId: params.id }).then(
        (r) => ({ ok: true as const, items: r.items }),
        (e: unknown) => ({ ok: false as const, error: describeApiError(e) }),
      ),
    ]);
    return {
      saved,
      attendanceSaved,
      approved,
      activity: { ok: true as const, ...activity },
      attendance,
    };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'NOT_FOUND') error(404, m.activityForm_not_found());
    console.error(`[web] /activites/${params.id}: API call failed`, e);
    return {
      saved,
      attendanceSaved,
      approved,
      activity: { ok: false as const, error: failure },
      attendance: null,
    };
  }
};

/**
 * A move of the approval workflow, at the version the page showed: a stale version is the API's
 * CONFLICT, a move the status does not allow its PRECONDITION_FAILED; either way the page says so
 * and keeps the reason typed. A rejection without a reason is refused before asking.
 */
async function move(action: ApprovalAction, { request, fetch, params }: RequestEvent) {
  const form = await request.formData();
  const version = Number(form.get('version'));
  const reason = String(form.get('reason') ?? '');
  if (action === 'reject') {
    const problem = reasonProblem(reason);
    if (problem)
      return fail(400, {
        approval: {
          action,
          reason,
          errors: [{ field: 'reason', message: problem }],
          apiError: null,
        } satisfies ApprovalFailure,
      });
  }
  const api = createApiClient(fetch, { locale: getLocale() });
  const input = { id: params.id, version: Number.isInteger(version) ? version : 0 };
  try {
    if (action === 'reject') await api.activity.reject.mutate({ ...input, reason: reason.trim() });
    else await api.activity[action].mutate(input);
  } catch (e) {
    console.error(`[web] activity ${action}: refused`, e);
    const apiError = describeApiError(e);
    return fail(failureStatus(apiError), {
      approval: { action, reason, errors: [], apiError } satisfies ApprovalFailure,
    });
  }
  redirect(303, `${localizeHref(`/activites/${params.id}`)}?approbation=${action}#validation`);
}

export const actions = {
  submit: (event) => move('submit', event),
  validate: (event) => move('validate', event),
  reject: (event) => move('reject', event),
  /**
   * Replaces the named participants. « Ajouter une ligne » submits the same form with
   * `intent=add`: without JavaScript the server answers with what was typed and one more line
   * (the `count` field), nothing saved.
   */
  attendance: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const rows = readAttendanceForm(form);
    if (form.get('intent') === 'add')
      return { attendanceForm: { rows, count: rows.length + 1, errors: [], apiError: null } };
    const shown = compactAttendanceRows(rows);
    const check = attendanceRowsToInput(rows, getLocale());
    if (!check.ok)
      return fail(400, {
        attendanceForm: {
          rows: shown,
          count: shown.length,
          errors: check.errors,
          apiError: null,
        } satisfies AttendanceFailure,
      });
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.attendance.set.mutate({
        activityId: params.id,
        version: Number(form.get('version')) || undefined,
        participants: check.participants,
      });
    } catch (e) {
      console.error('[web] attendance form: save refused', e);
      const apiError = describeApiError(e);
      const status =
        apiError.code === 'CONFLICT' ? 409 : apiError.code === 'UNREACHABLE' ? 502 : 400;
      return fail(status, {
        attendanceForm: {
          rows: shown,
          count: shown.length,
          errors: [],
          apiError,
        } satisfies AttendanceFailure,
      });
    }
    redirect(303, `${localizeHref(`/activites/${params.id}`)}?participants=1#participants`);
  },
} satisfies Actions;
