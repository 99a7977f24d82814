import { AGE_GROUPS, PERSON_NAMES } from '@jalon/domain';
import { m } from '$lib/paraglide/messages';
import type { ApiFailure } from '$lib/server/trpc';

/** The choices of the form: a person's sex and age group, as the domain names them. */
export const ATTENDANCE_SEXES = Object.keys(PERSON_NAMES.sex) as (keyof typeof PERSON_NAMES.sex)[];
export const ATTENDANCE_AGES = AGE_GROUPS;

/** One line of the named-participants form, as typed. */
export interface AttendanceFormRow {
  code: string;
  name: string;
  sex: string;
  age: string;
  /** the day attended, kept for a line read from the API (the activity's first day otherwise) */
  date: string;
}

export interface AttendanceFieldError {
  /** 0-based line of the form */
  row: number;
  field: 'code' | 'sex' | 'age';
  message: string;
}

/** What the `?/attendance` action gives back: the lines to show, and why they were not saved. */
export interface AttendanceFailure {
  rows: AttendanceFormRow[];
  count: number;
  errors: AttendanceFieldError[];
  apiError: ApiFailure | null;
}

/** The most lines a form may carry (the API takes up to 1000). */
export const MAX_ATTENDANCE_ROWS = 500;

export const emptyAttendanceRow = (): AttendanceFormRow => ({
  code: '',
  name: '',
  sex: '',
  age: '',
  date: '',
});

/** The form's lines (`code-0`, `name-0`, `sex-0`, `age-0`, `date-0`…, `count` of them). */
export function readAttendanceForm(form: FormData): AttendanceFormRow[] {
  const count = Math.min(Math.max(Number(form.get('count')) || 0, 0), MAX_ATTENDANCE_ROWS);
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  return Array.from({ length: count }, (_, i) => ({
    code: text(`code-${i}`),
    name: text(`name-${i}`),
    sex: text(`sex-${i}`),
    age: text(`age-${i}`),
    date: text(`date-${i}`),
  }));
}

const blank = (r: AttendanceFormRow) => !r.code && !r.name && !r.sex && !r.age;

/**
 * The API's list from the form's lines: empty lines are dropped (so the API's « ligne 3 » is the
 * third line shown again), a line with a name or attributes but no code is refused.
 */
export function attendanceRowsToInput(
  rows: readonly AttendanceFormRow[],
  locale: 'fr' | 'en',
):
  | {
      ok: true;
      rows: AttendanceFormRow[];
      participants: {
        code: string;
        displayName: string | null;
        sex: string | null;
        ageGroup: string | null;
        date?: string;
      }[];
    }
  | { ok: false; errors: AttendanceFieldError[] } {
  const kept = rows.filter((r) => !blank(r));
  const errors: AttendanceFieldError[] = [];
  kept.forEach((r, i) => {
    if (!r.code)
      errors.push({
        row: i,
        field: 'code',
        message: m.attendance_code_missing({ line: i + 1 }, { locale }),
      });
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    rows: kept,
    participants: kept.map((r) => ({
      code: r.code,
      displayName: r.name || null,
      sex: r.sex || null,
      ageGroup: r.age || null,
      ...(r.date ? { date: r.date } : {}),
    })),
  };
}

/** Lines with nothing typed go last, as the API numbers what it is sent. */
export function compactAttendanceRows(rows: readonly AttendanceFormRow[]): AttendanceFormRow[] {
  return [...rows.filter((r) => !blank(r)), ...rows.filter(blank)];
}
