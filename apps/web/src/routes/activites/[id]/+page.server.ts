import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import {
  attendanceRowsToInput,
  compactAttendanceRows,
  readAttendanceForm,
  type AttendanceFailure,
} from '$lib/attendance-form';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  if (!UUID.test(params.id)) error(404, m.activityForm_not_found());
  const api = createApiClient(fetch, { locale: getLocale() });
  const saved = url.searchParams.has('saved');
  const attendanceSaved = url.searchParams.has('participants');
  try {
    const [activity, attendance] = await Promise.all([
      api.activity.byId.query({ id: params.id }),
      api.attendance.list.query({ activityId: params.id }).then(
        (r) => ({ ok: true as const, items: r.items }),
        (e: unknown) => ({ ok: false as const, error: describeApiError(e) }),
      ),
    ]);
    return { saved, attendanceSaved, activity: { ok: true as const, ...activity }, attendance };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'NOT_FOUND') error(404, m.activityForm_not_found());
    console.error(`[web] /activites/${params.id}: API call failed`, e);
    return {
      saved,
      attendanceSaved,
      activity: { ok: false as const, error: failure },
      attendance: null,
    };
  }
};

export const actions = {
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
