import { describe, expect, it } from 'vitest';
import {
  attendanceRowsToInput,
  compactAttendanceRows,
  emptyAttendanceRow,
  readAttendanceForm,
} from './attendance-form';

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe('the named-participants form', () => {
  it('reads `count` lines, trimmed, and no more than the form may carry', () => {
    const rows = readAttendanceForm(
      formOf({ count: '2', 'code-0': ' P-1 ', 'sex-0': 'female', 'name-1': 'Awa', 'code-2': 'X' }),
    );
    expect(rows).toEqual([
      { code: 'P-1', name: '', sex: 'female', age: '', date: '' },
      { code: '', name: 'Awa', sex: '', age: '', date: '' },
    ]);
    expect(readAttendanceForm(formOf({ count: '100000' }))).toHaveLength(500);
    expect(readAttendanceForm(formOf({ count: 'abc' }))).toEqual([]);
  });

  it('drops empty lines, numbers the rest as the API will, and refuses a line without code', () => {
    const rows = [
      { ...emptyAttendanceRow(), code: 'P-1', age: 'youth', date: '2023-05-09' },
      emptyAttendanceRow(),
      { ...emptyAttendanceRow(), name: 'Sans code' },
    ];
    expect(attendanceRowsToInput(rows, 'fr')).toEqual({
      ok: false,
      errors: [
        {
          row: 1,
          field: 'code',
          message: 'Ligne 2 : indiquez le code (ou pseudonyme) de la personne.',
        },
      ],
    });
    expect(compactAttendanceRows(rows).map((r) => r.code || r.name)).toEqual([
      'P-1',
      'Sans code',
      '',
    ]);
    expect(attendanceRowsToInput(rows.slice(0, 2), 'en')).toMatchObject({
      ok: true,
      participants: [
        { code: 'P-1', displayName: null, sex: null, ageGroup: 'youth', date: '2023-05-09' },
      ],
    });
  });
});
