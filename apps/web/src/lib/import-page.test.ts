import { KIND_WRITE } from '@jalon/api';
import { describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/fake-api';
import {
  importKindsFor,
  issueLines,
  kindWrites,
  problemMessage,
  readImportQuery,
  readUploadForm,
} from './import-page';

const ID = '5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f';

describe('the import page’s address', () => {
  it('reads the batch, the kind and what was done, and drops anything else', () => {
    expect(
      readImportQuery(new URLSearchParams(`lot=${ID.toUpperCase()}&type=incidents&fait=importe`)),
    ).toEqual({
      batch: ID,
      kind: 'incidents',
      done: 'committed',
    });
    expect(readImportQuery(new URLSearchParams('lot=1%20OR%201&type=budget&fait=x'))).toEqual({
      batch: null,
      kind: 'activities',
      done: null,
    });
    expect(readImportQuery(new URLSearchParams('type=targets')).kind).toBe('targets');
    expect(readImportQuery(new URLSearchParams('type=values')).kind).toBe('values');
  });
});

describe('the upload form', () => {
  const form = (entries: Record<string, string | File>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.set(k, v);
    return f;
  };
  const file = new File(['Identifiant;Titre\r\n'], 'a.csv');

  it('takes a kind and a file, and the profile only when one is pasted', () => {
    expect(readUploadForm(form({ kind: 'attendance', file, profile: '  ' }))).toEqual({
      ok: true,
      kind: 'attendance',
      file: expect.any(File),
      profile: null,
    });
    expect(
      readUploadForm(form({ kind: 'activities', file, profile: '{"format":1}' })),
    ).toMatchObject({
      profile: '{"format":1}',
    });
  });

  it('refuses a file over the page’s 5 MB, and takes one just under it', () => {
    const sized = (n: number) => new File([new Uint8Array(n)], 'gros.xlsx');
    expect(
      readUploadForm(form({ kind: 'values', file: sized(5 * 1024 * 1024 + 1) })),
    ).toMatchObject({ ok: false, problem: 'too-large' });
    expect(readUploadForm(form({ kind: 'values', file: sized(5 * 1024 * 1024) }))).toMatchObject({
      ok: true,
    });
  });

  it('refuses no file, an empty file and an unknown kind, in words the page has', () => {
    expect(readUploadForm(form({ kind: 'activities' }))).toMatchObject({
      ok: false,
      problem: 'no-file',
    });
    expect(readUploadForm(form({ kind: 'activities', file: new File([], 'v.csv') }))).toMatchObject(
      {
        problem: 'no-file',
      },
    );
    expect(readUploadForm(form({ kind: 'people', file }))).toMatchObject({
      ok: false,
      kind: 'activities',
      problem: 'bad-kind',
    });
  });
});

describe('the rows of a dry run, one issue a line', () => {
  it('says the row, the column as headed in the file, the message in the reader’s language and the close names', () => {
    const lines = issueLines(
      [
        {
          rowNumber: 7,
          issues: [
            {
              code: 'programme-not-found',
              field: 'programme',
              column: 'Programme',
              severity: 'error',
              value: 'Jeunesse paix',
              message: { fr: 'Programme introuvable', en: 'Programme not found' },
              suggestions: ['Jeunesse, paix et sécurité'],
            },
          ],
        },
        {
          rowNumber: 3,
          issues: [
            {
              code: 'date-invalid',
              field: 'startDate',
              severity: 'error',
              message: { fr: 'Date illisible', en: 'Unreadable date' },
            },
          ],
        },
      ],
      'fr',
      { suggestions: (names) => `Noms proches : ${names}.` },
    );
    expect(lines.map((l) => [l.rowNumber, l.column, l.value, l.message])).toEqual([
      [3, 'startDate', null, 'Date illisible'],
      [
        7,
        'Programme',
        'Jeunesse paix',
        'Programme introuvable Noms proches : Jeunesse, paix et sécurité.',
      ],
    ]);
  });

  it('reads the upload route’s refusal, and nothing from an answer of another shape', () => {
    expect(
      problemMessage({ error: { code: 'BAD_REQUEST', message: 'Profil refusé — format' } }),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'Profil refusé — format',
    });
    expect(problemMessage('<html>')).toEqual({ code: 'UNKNOWN', message: null });
  });
});

describe('the kinds a role is offered', () => {
  it('enters each kind through the procedure the API checks (KIND_WRITE)', () => {
    expect(kindWrites).toEqual(KIND_WRITE);
  });

  it('offers the M&E team every kind, a programme officer what she enters by hand, others none', () => {
    const all = ['activities', 'attendance', 'incidents', 'targets', 'values'];
    expect(importKindsFor(signedInAs('me-officer').me)).toEqual(all);
    expect(importKindsFor(signedInAs('network-admin').me)).toEqual(all);
    expect(importKindsFor(signedInAs('programme-officer').me)).toEqual(
      all.filter((k) => k !== 'targets'),
    );
    expect(importKindsFor(signedInAs('donor-viewer').me)).toEqual([]);
    expect(importKindsFor(null)).toEqual([]);
  });
});
