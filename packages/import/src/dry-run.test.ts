import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dryRun } from './dry-run';
import { ISSUE_TITLES } from './issues';
import type { ActivityRecord } from './kinds/activities';
import {
  committedHashes,
  contentHash,
  groupIssues,
  planImport,
  rowRanges,
  type DryRun,
} from './plan';
import { fitProfile, mappingProfile, type MappingProfile } from './profile';
import { readSource } from './read/index';
import type { CheckedRow } from './rows';
import type { SourceTable } from './table';
import { fixture } from './test-support/fixtures';
import { ACTIVITES_PROFILE, REFS } from './test-support/references';

const profile: MappingProfile = mappingProfile.parse(ACTIVITES_PROFILE);

async function source(name: string): Promise<SourceTable> {
  const r = await readSource(fixture(name), {
    expectedHeaders: profile.columns.map((c) => c.source),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

function run(
  table: SourceTable,
  existing = new Map<string, string>(),
  p = profile,
): DryRun<ActivityRecord> {
  const r = dryRun({ table, profile: p, refs: REFS, existing });
  if (!r.ok) throw new Error(r.error.message.en);
  if (r.value.kind !== 'activities') throw new Error('expected activities');
  return r.value;
}

function table(rows: Record<string, string>[], headers = Object.keys(rows[0] ?? {})): SourceTable {
  return {
    source: { format: 'csv', headerRow: 1 },
    headers,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}

const good = {
  Identifiant: 'X-1',
  Titre: 'Atelier de formation',
  Type: 'Formation',
  Programme: 'JPS',
  'Date de début': '09/05/2023',
  'Date de fin': '10/05/2023',
  Lieux: 'Ménaka',
  Participants: '40',
  Femmes: '18',
  Jeunes: '25',
};

describe('the activities of a LibreOffice workbook, in French formats', () => {
  it.each([
    'activites.xlsx',
    'activites-1904.xlsx',
    'activites-windows1252.csv',
    'activites-tabulation.tsv',
  ])('%s: four activities to create, read as the bulletin says them', async (name) => {
    const plan = run(await source(name));
    expect(plan.groups).toEqual([]);
    expect(plan.counts).toEqual({ create: 4, update: 0, unchanged: 0, rejected: 0 });
    const records = plan.rows.map((r) => r.record);
    expect(records[0]).toMatchObject({
      externalId: 'A-001',
      title: 'Rencontre de capitalisation PLF',
      type: 'meeting',
      programmeId: 'prog-fps',
      startDate: '2023-04-07',
      endDate: '2023-04-07',
      placeIds: ['place-bamako'],
      participants: {
        total: { value: 12, qualifier: 'exact' },
        cells: [{ key: { sex: 'female' }, value: 7, qualifier: 'exact' }],
      },
    });
    expect(records[1]).toMatchObject({
      programmeId: 'prog-fps',
      type: 'awareness',
      startDate: '2023-06-15',
      endDate: '2023-06-15',
      placeIds: ['place-segou', 'place-mopti'],
      participants: { total: { value: 325, qualifier: 'at-least' }, cells: [] },
    });
    expect(records[2]).toMatchObject({
      type: 'ceremony',
      programmeId: 'prog-do',
      participants: { total: { value: 50, qualifier: 'approximate' } },
    });
    expect(records[3]?.participants?.total).toEqual({ value: 8, qualifier: 'exact' });
  });

  it('the same file again changes nothing; a corrected row updates its record', async () => {
    const t = await source('activites.xlsx');
    const first = run(t);
    const existing = committedHashes(first);
    expect(run(t, existing).counts).toEqual({ create: 0, update: 0, unchanged: 4, rejected: 0 });
    const edited: SourceTable = {
      ...t,
      rows: t.rows.map((r) =>
        r.cells.Identifiant === 'A-003'
          ? { ...r, cells: { ...r.cells, Participants: 'environ 60' } }
          : r,
      ),
    };
    const second = run(edited, existing);
    expect(second.counts).toEqual({ create: 0, update: 1, unchanged: 3, rejected: 0 });
    expect(second.rows.find((r) => r.action === 'update')?.externalId).toBe('A-003');
  });

  it('a profile that no longer fits the file is refused with the missing columns named', async () => {
    const renamed = mappingProfile.parse({
      ...ACTIVITES_PROFILE,
      columns: [
        ...profile.columns,
        { source: 'Sexe', target: { cell: { sex: 'male' } } },
        { source: 'Durée', target: { field: 'sessions' } },
      ],
    });
    const r = dryRun({
      table: await source('activites.xlsx'),
      profile: renamed,
      refs: REFS,
      existing: new Map(),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.missing).toEqual(['Sexe', 'Durée']);
      expect(r.error.message.fr).toContain('colonnes absentes « Sexe », « Durée »');
      expect(r.error.message.en).toContain('missing columns "Sexe", "Durée"');
    }
  });

  it('fills a field the file lacks from the profile’s defaults; a blank cell keeps the default', () => {
    const ok = mappingProfile.parse({
      ...ACTIVITES_PROFILE,
      columns: profile.columns.filter((c) => c.source !== 'Programme' && c.source !== 'Type'),
      defaults: { programme: 'JPS', type: 'Atelier' },
    });
    expect(run(table([good]), new Map(), ok).rows[0]?.record).toMatchObject({
      programmeId: 'prog-jps',
      type: 'workshop',
    });
    const blank = mappingProfile.parse({ ...ACTIVITES_PROFILE, defaults: { programme: 'FPS' } });
    expect(
      run(table([{ ...good, Programme: '' }]), new Map(), blank).rows[0]?.record,
    ).toMatchObject({
      programmeId: 'prog-fps',
    });
  });

  it('reads headers by name, never by position, accents and case ignored', () => {
    const shuffled = table([{ ...good }], [...Object.keys(good)].reverse());
    const upper = table([
      Object.fromEntries(Object.entries(good).map(([k, v]) => [k.toUpperCase(), v])),
    ]);
    for (const t of [shuffled, upper])
      expect(run(t).rows[0]?.record).toMatchObject({
        externalId: 'X-1',
        placeIds: ['place-menaka'],
      });
    expect(
      fitProfile(profile, [
        'IDENTIFIANT',
        'titre',
        'TYPE',
        'programme',
        'date de debut',
        'LIEUX',
        'participants',
        'femmes',
        'jeunes',
      ]).ok,
    ).toBe(true);
  });
});

describe('row errors: a stable code, the field, the rows, French and English, grouped', () => {
  it('each error, with its code and field', () => {
    const plan = run(
      table([
        good,
        { ...good, Identifiant: 'X-2', Participants: '20', Femmes: '30' },
        { ...good, Identifiant: 'X-3', Programme: 'Jeunesse paix securite', Lieux: 'Segu' },
        { ...good, Identifiant: 'X-4', 'Date de début': '31/02/2023', Type: 'Banquet' },
        { ...good, Identifiant: '', Titre: 'ok' },
        {
          ...good,
          Identifiant: 'X-6',
          'Date de fin': '01/05/2023',
          Participants: 'une quarantaine',
        },
        { ...good, Identifiant: 'X-1' },
      ]),
    );
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 7 });
    const by = (code: string) => plan.groups.filter((g) => g.code === code);
    const consistency = by('participation-inconsistent')[0];
    expect(consistency).toMatchObject({ rows: [3], field: 'participants.sex=female' });
    // The engine's own message.
    expect(consistency?.examples[0]?.message.fr).toContain('ne peut pas dépasser le total');
    expect(by('programme-not-found')[0]).toMatchObject({ rows: [4], column: 'Programme' });
    expect(by('place-not-found')[0]?.examples[0]).toMatchObject({
      value: 'Segu',
      suggestions: ['Ségou'],
    });
    expect(by('not-a-date')[0]).toMatchObject({
      rows: [5],
      field: 'startDate',
      column: 'Date de début',
    });
    expect(by('unknown-choice')[0]).toMatchObject({ rows: [5], field: 'type' });
    expect(by('missing-external-id')[0]?.rows).toEqual([6]);
    expect(by('text-too-short')[0]?.rows).toEqual([6]);
    expect(by('end-before-start')[0]?.rows).toEqual([7]);
    expect(by('count-unreadable')[0]).toMatchObject({ rows: [7], field: 'participants' });
    expect(by('duplicate-external-id')[0]).toMatchObject({ rows: [2, 8] });
    expect(by('duplicate-external-id')[0]?.examples[0]?.message.fr).toBe(
      'L’identifiant « X-1 » figure aussi à la ligne 8',
    );
    for (const g of plan.groups) {
      expect(g.title).toEqual(ISSUE_TITLES[g.code]);
      for (const e of g.examples) expect(e.message.fr).not.toBe(e.message.en);
    }
  });

  it('grants by code, sessions within 1–1,000', () => {
    const more = mappingProfile.parse({
      ...ACTIVITES_PROFILE,
      columns: [
        ...profile.columns,
        { source: 'Subventions', target: { field: 'grants' } },
        { source: 'Séances', target: { field: 'sessions' } },
      ],
    });
    const plan = run(
      table([
        { ...good, Subventions: 'jf-2021', Séances: '3' },
        { ...good, Identifiant: 'X-2', Subventions: 'JF-2012', Séances: '0' },
        { ...good, Identifiant: 'X-3', Subventions: '', Séances: '2,5' },
      ]),
      new Map(),
      more,
    );
    expect(plan.rows[0]?.record).toMatchObject({ grantIds: ['grant-jf'], sessions: 3 });
    expect(plan.groups.map((g) => [g.code, g.field, g.rows])).toEqual([
      ['out-of-range', 'sessions', [3, 4]],
      ['grant-not-found', 'grants', [3]],
    ]);
    expect(plan.groups[1]?.examples[0]?.suggestions).toEqual(['JF-2021']);
  });

  it('a text over its limit, said with the limit in each language', () => {
    const plan = run(table([{ ...good, Titre: 'x'.repeat(301) }]));
    expect(plan.groups).toMatchObject([{ code: 'text-too-long', field: 'title', rows: [2] }]);
    expect(plan.groups[0]?.examples[0]?.message).toEqual({
      fr: 'Le titre dépasse 300 caractères',
      en: 'The title exceeds 300 characters',
    });
  });

  it('an "environ" count that looks off is a warning, and the row is kept', () => {
    const plan = run(table([{ ...good, Participants: 'environ 15', Femmes: '18', Jeunes: '' }]));
    expect(plan.counts.create).toBe(1);
    expect(plan.groups).toMatchObject([
      { severity: 'warning', code: 'participation-inconsistent' },
    ]);
  });

  it('10,000 rows with one wrong column give one line', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      ...good,
      Identifiant: `R-${i}`,
      'Date de début': '2023/13/45',
    }));
    const plan = run(table(rows));
    expect(plan.counts.rejected).toBe(10_000);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]).toMatchObject({
      code: 'not-a-date',
      column: 'Date de début',
      rowRanges: '2–10\u202f001',
    });
    expect(plan.groups[0]?.rows).toHaveLength(10_000);
    expect(plan.groups[0]?.examples).toHaveLength(3);
  });

  it('writes row ranges compactly', () => {
    expect(rowRanges([2, 3, 4, 7, 9, 10])).toBe('2–4, 7, 9–10');
    expect(rowRanges([1200, 1201], 'en')).toBe('1,200–1,201');
  });
});

describe('properties of the plan (fast-check, fixed seeds)', () => {
  const issueArb = fc.record({
    code: fc.constantFrom('required', 'not-a-date', 'place-not-found' as const),
    field: fc.constantFrom('title', 'startDate', 'places'),
    rowNumber: fc.integer({ min: 2, max: 60 }),
    severity: fc.constantFrom('error', 'warning' as const),
    message: fc.constant({ fr: 'x', en: 'y' }),
  });

  it('grouping never loses a row nor counts one twice', () => {
    fc.assert(
      fc.property(fc.array(issueArb, { maxLength: 200 }), (issues) => {
        const groups = groupIssues(issues);
        const expected = new Set(
          issues.map((i) => `${i.code}|${i.severity}|${i.field}|${i.rowNumber}`),
        );
        const got = groups.flatMap((g) =>
          g.rows.map((r) => `${g.code}|${g.severity}|${g.field}|${r}`),
        );
        expect(new Set(got)).toEqual(expected);
        expect(got).toHaveLength(expected.size);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  const rowArb = fc.record({
    rowNumber: fc.integer({ min: 2, max: 10_000 }),
    externalId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: null }),
    record: fc.option(
      fc.record({ n: fc.integer({ min: 0, max: 3 }), places: fc.array(fc.constantFrom('x', 'y')) }),
      {
        nil: null,
      },
    ),
  });

  it('is idempotent: what a plan leaves makes a second plan all unchanged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => r.rowNumber, maxLength: 30 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'g'), fc.constantFrom('h1', 'h2')),
        (rows, before) => {
          const checked: CheckedRow<object>[] = rows.map((r) => ({ ...r, issues: [] }));
          const existing = new Map(Object.entries(before));
          const first = planImport(checked, existing);
          const total = Object.values(first.counts).reduce((a, b) => a + b, 0);
          expect(total).toBe(rows.length);
          const second = planImport(checked, committedHashes(first, existing));
          expect(second.counts.create + second.counts.update).toBe(0);
          expect(second.counts.unchanged).toBe(
            first.counts.create + first.counts.update + first.counts.unchanged,
          );
          expect(second.counts.rejected).toBe(first.counts.rejected);
        },
      ),
      { seed: 2023, numRuns: 300 },
    );
  });

  it('the content hash ignores key order and the order of places, and sees every value', () => {
    expect(contentHash({ a: 1, placeIds: ['x', 'y'] })).toBe(
      contentHash({ placeIds: ['y', 'x'], a: 1 }),
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});

describe('the mapping profile is data, checked by zod', () => {
  it('refuses unknown fields, a cell on attendance, two columns on one target', () => {
    const bad = mappingProfile.safeParse({
      format: 1,
      name: 'x',
      kind: 'attendance',
      columns: [
        { source: 'a', target: { field: 'titre' } },
        { source: 'b', target: { cell: { sex: 'female' } } },
        { source: 'c', target: { field: 'code' } },
        { source: 'd', target: { field: 'code' } },
      ],
    });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const messages = bad.error.issues.map((i) => i.message).join('\n');
      expect(messages).toContain('champ inconnu');
      expect(messages).toContain('cases d’effectifs');
      expect(messages).toContain('même cible');
    }
    expect(mappingProfile.safeParse({ ...ACTIVITES_PROFILE, format: 2 }).success).toBe(false);
    const wrongReading = mappingProfile.safeParse({
      ...ACTIVITES_PROFILE,
      columns: [{ source: 'Titre', target: { field: 'title' }, transform: 'date-dmy' }],
    });
    expect(wrongReading.success).toBe(false);
    expect(mappingProfile.parse(ACTIVITES_PROFILE).revision).toBe(1);
  });
});
