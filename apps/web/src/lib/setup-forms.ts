import type { AppRouter, inferRouterInputs } from '@jalon/api';
import { m } from '$lib/paraglide/messages';
import type { ApiFailure } from '$lib/server/trpc';

/**
 * The set-up forms (donors, programmes, grants, results framework): what the form posts, read
 * into the API's input with the checks that can be made before asking, in the page's language.
 * Pure, no I/O; the API checks everything again and its refusal is shown as it says it.
 */

type Inputs = inferRouterInputs<AppRouter>;
export type DonorInput = Inputs['donor']['create'];
export type ProgrammeInput = Inputs['programme']['create'];
export type GrantInput = Inputs['grant']['create'];
export type NodeInput = Inputs['grant']['addNode'];
export type PlaceInput = Inputs['place']['create'];
export type UserInput = Inputs['user']['create'];

/** What was typed, field by field, sent back to the form whatever happens. */
export type FormValues = Record<string, string>;

export interface FieldProblem {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FieldProblem[] };

/** What a refused save sends back to its form: the values as typed, and why. */
export interface SetupFailure {
  /** which form of the page failed (`donor`, `delete`…) */
  form: string;
  /** the record the form was about, when it had one */
  id: string | null;
  values: FormValues;
  errors: FieldProblem[];
  apiError: ApiFailure | null;
}

export const DONOR_FIELDS = ['code', 'name', 'iatiRef'] as const;
export const PROGRAMME_FIELDS = ['code', 'name', 'nameEn', 'description'] as const;
export const GRANT_FIELDS = [
  'code',
  'donorId',
  'title',
  'titleEn',
  'startDate',
  'endDate',
  'currency',
  'amount',
  'fiscalYearStartMonth',
  'reportTemplate',
  'iatiIdentifier',
  'donorReference',
  'businessUnit',
  'projectId',
] as const;
export const NODE_FIELDS = [
  'level',
  'parentId',
  'code',
  'title',
  'titleEn',
  'assumptions',
] as const;
export const RESULT_LEVELS = ['impact', 'outcome', 'output'] as const;
export const PLACE_FIELDS = ['code', 'name', 'level', 'parentId'] as const;
export const PLACE_LEVELS = ['country', 'region', 'cercle', 'commune', 'locality'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** The level of the places under one of `level` (a region's are cercles); a commune's, localities. */
export const CHILD_LEVEL: Record<PlaceLevel, PlaceLevel> = {
  country: 'region',
  region: 'cercle',
  cercle: 'commune',
  commune: 'locality',
  locality: 'locality',
};

/** The named fields of a posted form, trimmed ('' for a missing one). */
export function readValues(form: FormData, fields: readonly string[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '').trim()]));
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PROGRAMME_CODE = /^[A-Z0-9][A-Z0-9-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An amount as a French or English speaker types it: `1 250 000`, `1 250 000,50`, `1250000.5`
 * (spaces, no-break spaces or thin spaces between thousands). `null` for an empty box,
 * `undefined` for something that is not an amount.
 * @example parseAmount('1 250 000,50') // 1250000.5
 */
export function parseAmount(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  if (!/^\d+([.,]\d+)?$/.test(compact)) return undefined;
  return Number(compact.replace(',', '.'));
}

const orNull = (s: string | undefined) => (s ? s : null);

function collect(checks: [boolean, string, () => string][]): FieldProblem[] {
  return checks.filter(([bad]) => bad).map(([, field, message]) => ({ field, message: message() }));
}

export function checkDonor(v: FormValues): Checked<DonorInput> {
  const code = v.code ?? '';
  const name = v.name ?? '';
  const iatiRef = v.iatiRef ?? '';
  const errors = collect([
    [code === '', 'code', m.setup_code_required],
    [code !== '' && (!CODE.test(code) || code.length > 40), 'code', m.setup_code_format],
    [name === '', 'name', m.setup_name_required],
    [name.length > 200, 'name', m.setup_too_long],
    [iatiRef !== '' && (!CODE.test(iatiRef) || iatiRef.length < 2), 'iatiRef', m.setup_iati_format],
  ]);
  if (errors.length) return { ok: false, errors };
  return { ok: true, input: { code, name, iatiRef: orNull(iatiRef) } };
}

/** A programme; its code is checked only when it is being opened (it is fixed afterwards). */
export function checkProgramme(v: FormValues, creating: boolean): Checked<ProgrammeInput> {
  const code = v.code ?? '';
  const name = v.name ?? '';
  const nameEn = v.nameEn ?? '';
  const errors = collect([
    [creating && code === '', 'code', m.setup_code_required],
    [
      creating && code !== '' && (!PROGRAMME_CODE.test(code) || code.length > 40),
      'code',
      m.setup_programme_code_format,
    ],
    [name === '', 'name', m.setup_name_required],
    [nameEn === '', 'nameEn', m.setup_name_en_required],
    [(v.description ?? '').length > 5000, 'description', m.setup_too_long],
  ]);
  if (errors.length) return { ok: false, errors };
  return { ok: true, input: { code, name, nameEn, description: orNull(v.description) } };
}

/** A grant as the agreement states it; `programmeIds` are the ticked programmes. */
export function checkGrant(
  v: FormValues,
  programmeIds: string[],
  creating: boolean,
): Checked<GrantInput> {
  const s = (k: (typeof GRANT_FIELDS)[number]) => v[k] ?? '';
  const amount = parseAmount(s('amount'));
  const month = Number(s('fiscalYearStartMonth') || '1');
  const currency = s('currency').toUpperCase() || 'XOF';
  const errors = collect([
    [creating && s('code') === '', 'code', m.setup_code_required],
    [creating && s('code') !== '' && !CODE.test(s('code')), 'code', m.setup_code_format],
    [s('donorId') === '', 'donorId', m.setup_donor_required],
    [s('title') === '', 'title', m.setup_title_required],
    [!DATE.test(s('startDate')), 'startDate', m.setup_date_required],
    [!DATE.test(s('endDate')), 'endDate', m.setup_date_required],
    [
      DATE.test(s('startDate')) && DATE.test(s('endDate')) && s('endDate') < s('startDate'),
      'endDate',
      m.setup_dates_order,
    ],
    [!/^[A-Z]{3}$/.test(currency), 'currency', m.setup_currency_format],
    [amount === undefined, 'amount', m.setup_amount_format],
    [!Number.isInteger(month) || month < 1 || month > 12, 'fiscalYearStartMonth', m.setup_month],
  ]);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      code: s('code'),
      donorId: s('donorId'),
      title: s('title'),
      titleEn: orNull(s('titleEn')),
      startDate: s('startDate'),
      endDate: s('endDate'),
      currency,
      amount: amount ?? null,
      fiscalYearStartMonth: month,
      reportTemplate: s('reportTemplate') || 'generic',
      iatiIdentifier: orNull(s('iatiIdentifier')),
      donorReference: orNull(s('donorReference')),
      businessUnit: orNull(s('businessUnit')),
      projectId: orNull(s('projectId')),
      programmeIds,
    },
  };
}

/** A node of a grant's results framework; the English title falls back on the French one. */
export function checkNode(v: FormValues, grantId: string): Checked<NodeInput> {
  const level = v.level ?? '';
  const errors = collect([
    [!(RESULT_LEVELS as readonly string[]).includes(level), 'level', m.setup_level_required],
    [(v.code ?? '') === '', 'code', m.setup_code_required],
    [(v.code ?? '').length > 40, 'code', m.setup_too_long],
    [(v.title ?? '') === '', 'title', m.setup_title_required],
  ]);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      grantId,
      level: level as (typeof RESULT_LEVELS)[number],
      parentId: orNull(v.parentId),
      code: v.code ?? '',
      title: v.title ?? '',
      titleEn: v.titleEn || (v.title ?? ''),
      assumptions: orNull(v.assumptions),
    },
  };
}

const PLACE_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/**
 * A place of the administrative tree. Its code (`ML-TENENKOU`) and level are chosen once; a
 * place being edited is renamed or moved (its parent), checked by the API against the tree.
 */
export function checkPlace(v: FormValues, creating: boolean): Checked<PlaceInput> {
  const code = (v.code ?? '').toUpperCase();
  const name = v.name ?? '';
  const level = v.level ?? '';
  const errors = collect([
    [creating && code === '', 'code', m.setup_code_required],
    [
      creating && code !== '' && (!PLACE_CODE.test(code) || code.length < 2 || code.length > 80),
      'code',
      m.places_code_format,
    ],
    [name === '', 'name', m.setup_name_required],
    [name.length > 200, 'name', m.setup_too_long],
    [
      creating && !(PLACE_LEVELS as readonly string[]).includes(level),
      'level',
      m.places_level_required,
    ],
  ]);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    input: { code, name, level: level as PlaceLevel, parentId: orNull(v.parentId) },
  };
}

export const USER_FIELDS = ['email', 'name', 'role', 'locale'] as const;
export const ROLES = [
  'network-admin',
  'me-officer',
  'manager',
  'programme-officer',
  'donor-viewer',
] as const;

/**
 * A member: her address and name when she is invited (fixed afterwards), her role, and what a
 * programme officer (her programmes) or a donor viewer (her grants) is limited to.
 */
export function checkUser(
  v: FormValues,
  scopes: { programmeIds: string[]; grantIds: string[] },
  creating: boolean,
): Checked<UserInput> {
  const email = (v.email ?? '').toLowerCase();
  const role = v.role ?? '';
  const errors = collect([
    [creating && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), 'email', m.users_email_format],
    [creating && (v.name ?? '') === '', 'name', m.setup_name_required],
    [!(ROLES as readonly string[]).includes(role), 'role', m.users_role_required],
    [
      role === 'programme-officer' && scopes.programmeIds.length === 0,
      'programmeIds',
      m.users_programmes_required,
    ],
    [role === 'donor-viewer' && scopes.grantIds.length === 0, 'grantIds', m.users_grants_required],
  ]);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      email,
      name: v.name ?? '',
      locale: v.locale === 'en' ? 'en' : 'fr',
      role: role as (typeof ROLES)[number],
      programmeIds: role === 'programme-officer' ? scopes.programmeIds : [],
      grantIds: role === 'donor-viewer' ? scopes.grantIds : [],
    },
  };
}

/** The problems of one field, joined for `Field`'s `error`. */
export function errorOf(errors: readonly FieldProblem[] | undefined, field: string) {
  const messages = (errors ?? []).filter((e) => e.field === field).map((e) => e.message);
  return messages.length ? messages.join(' ') : undefined;
}

/**
 * The comments typed on the report page that changed: `comment:<indicatorId>` beside the text
 * it was loaded with (`was:<indicatorId>`). An emptied box removes the comment.
 */
export function changedComments(form: FormData): { indicatorId: string; comment: string }[] {
  const changed: { indicatorId: string; comment: string }[] = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('comment:') || typeof value !== 'string') continue;
    const indicatorId = name.slice('comment:'.length);
    const was = String(form.get(`was:${indicatorId}`) ?? '').trim();
    const comment = value.trim();
    if (comment !== was) changed.push({ indicatorId, comment });
  }
  return changed;
}
