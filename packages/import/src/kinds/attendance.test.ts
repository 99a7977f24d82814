import { describe, expect, it } from 'vitest';
import { dryRun } from '../dry-run';
import { mappingProfile } from '../profile';
import type { SourceTable } from '../table';
import { REFS } from '../test-support/references';

const profile = mappingProfile.parse({
  format: 1,
  name: 'Listes de présence',
  kind: 'attendance',
  columns: [
    { source: 'Activité', target: { field: 'activity' } },
    { source: 'Code', target: { field: 'code' } },
    { source: 'Nom', target: { field: 'displayName' }, optional: true },
    { source: 'Sexe', target: { field: 'sex' } },
    { source: 'Âge', target: { field: 'age' }, optional: true },
    { source: 'Handicap', target: { field: 'disability' }, optional: true },
    { source: 'Catégorie', target: { field: 'category' }, optional: true },
    { source: 'Jour', target: { field: 'date' } },
  ],
});

function table(rows: Record<string, string | number>[]): SourceTable {
  return {
    source: { format: 'csv' },
    headers: ['Activité', 'Code', 'Nom', 'Sexe', 'Âge', 'Handicap', 'Catégorie', 'Jour'],
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}

describe('attendance rows', () => {
  it('reads one person per day, with choices, age to age group, and the activity found', () => {
    const r = dryRun({
      profile,
      refs: REFS,
      existing: new Map(),
      batchActivities: new Map([['K-9', 'p-fps']]),
      table: table([
        {
          Activité: 'a-001',
          Code: 'P-01',
          Nom: 'Awa',
          Sexe: 'F',
          Âge: 24,
          Handicap: 'non',
          Catégorie: 'Société civile',
          Jour: '09/05/2023',
        },
        {
          Activité: 'K-9',
          Code: 'P-02',
          Sexe: 'Homme',
          Âge: '41',
          Handicap: 'oui',
          Catégorie: 'FDS',
          Jour: '2023-05-09',
        },
        { Activité: 'A-404', Code: 'P-03', Sexe: 'X', Jour: '09/05/2023' },
        { Activité: 'A-001', Code: '', Sexe: 'F', Âge: 'vingt', Jour: '09/05/2023' },
      ]),
    });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'attendance') return;
    const [a, b] = r.value.rows.map((row) => row.record);
    expect(a).toEqual({
      externalId: 'a-001|P-01|2023-05-09',
      activity: { id: 'act-1' },
      code: 'P-01',
      displayName: 'Awa',
      sex: 'female',
      ageGroup: 'youth',
      disability: 'without',
      category: 'civil-society',
      date: '2023-05-09',
    });
    expect(b).toMatchObject({
      activity: { externalId: 'K-9', programmeId: 'p-fps' },
      sex: 'male',
      ageGroup: 'adult',
      disability: 'with',
      category: 'security-forces',
    });
    expect(r.value.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 2 });
    expect(r.value.groups.map((g) => [g.code, g.field, g.rows])).toEqual([
      ['activity-not-found', 'activity', [4]],
      ['unknown-choice', 'sex', [4]],
      ['required', 'code', [5]],
      ['not-a-number', 'age', [5]],
    ]);
  });
});
