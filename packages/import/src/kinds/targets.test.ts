import { describe, expect, it } from 'vitest';
import { dryRun } from '../dry-run';
import { readSource } from '../read/index';
import { templateProfile } from '../template';
import { REFS } from '../test-support/references';

const profile = templateProfile('targets');

async function plan(rows: string[]) {
  const bytes = new TextEncoder().encode(
    ['Nature;Indicateur;Subvention;Période;Valeur;Sexe;Tranche d’âge;Handicap', ...rows].join('\n'),
  );
  const table = await readSource(bytes, { fileName: 'cibles.csv' });
  if (!table.ok) throw new Error(table.error.message.en);
  const r = dryRun({ table: table.value, profile, refs: REFS, existing: new Map() });
  if (!r.ok) throw new Error(r.error.message.en);
  if (r.value.kind !== 'targets') throw new Error(r.value.kind);
  return r.value;
}

describe('targets rows', () => {
  it('reads periods on the grant’s calendar, the life of the grant, baselines and breakdown cells', async () => {
    const p = await plan([
      ';JF-1.1;JF-2021;AF2024;120;;;',
      'Cible;jf-1.1;Just Future;2024-Q2;40,5;Femme;Jeune;',
      'cible;JF-1.1;;LOG;500;;;Oui',
      'Référence;JF-1.1;;2022;35;;;',
      ';ORG-1;;2024;7;;;',
    ]);
    expect(p.groups).toEqual([]);
    expect(p.counts).toEqual({ create: 5, update: 0, unchanged: 0, rejected: 0 });
    expect(p.rows.map((r) => r.record)).toEqual([
      {
        externalId: 'JF-1.1|FY2024|',
        indicatorId: 'ind-1',
        breakdown: {},
        value: 120,
        nature: 'target',
        period: 'AF2024',
        periodCode: 'FY2024',
        periodStart: '2023-10-01',
        periodEnd: '2024-09-30',
        lifeOfGrant: false,
      },
      {
        externalId: 'JF-1.1|2024-Q2|age=youth;sex=female',
        indicatorId: 'ind-1',
        breakdown: { sex: 'female', age: 'youth' },
        value: 40.5,
        nature: 'target',
        period: '2024-Q2',
        periodCode: '2024-Q2',
        periodStart: '2024-04-01',
        periodEnd: '2024-06-30',
        lifeOfGrant: false,
      },
      {
        externalId: 'JF-1.1|LOG|disability=with',
        indicatorId: 'ind-1',
        breakdown: { disability: 'with' },
        value: 500,
        nature: 'target',
        period: 'LOG',
        periodCode: 'LOG',
        periodStart: '2021-01-01',
        periodEnd: '2025-12-31',
        lifeOfGrant: true,
      },
      {
        externalId: 'JF-1.1|reference|',
        indicatorId: 'ind-1',
        breakdown: {},
        value: 35,
        nature: 'baseline',
        year: 2022,
      },
      expect.objectContaining({ externalId: 'ORG-1|2024|', periodCode: '2024' }),
    ]);
  });

  it('names each wrong cell in French and English, row by row', async () => {
    const p = await plan([
      ';JF-9;;2024;1;;;',
      ';JF-1.1;;2024-Q7;1;;;',
      ';ORG-1;JF-2021;2024;1;;;',
      ';ORG-1;;LOG;1;;;',
      ';JF-1.1;;2023;beaucoup;;;',
      'Référence;JF-1.1;;2024-Q1;3;;;',
      ';JF-1.1;;2025;;Autre;;',
    ]);
    expect(p.counts.rejected).toBe(7);
    const codes = p.rows.map((r) => r.issues.map((i) => [i.code, i.field]));
    expect(codes).toEqual([
      [['indicator-not-found', 'indicator']],
      [['not-a-period', 'period']],
      [['grant-mismatch', 'grant']],
      [['not-a-period', 'period']],
      [['not-a-number', 'value']],
      [['not-a-period', 'period']],
      [
        ['required', 'value'],
        ['unknown-choice', 'sex'],
      ],
    ]);
    const first = p.rows[0]?.issues[0];
    expect(first).toMatchObject({ rowNumber: 2, column: 'Indicateur', value: 'JF-9' });
    expect(first?.message.fr).toContain('Indicateur « JF-9 » introuvable');
    expect(first?.message.en).toContain('Indicator "JF-9" not found');
    expect(p.rows[2]?.issues[0]?.message.en).toContain('ORG-1 does not belong to this grant');
  });

  it('refuses the same target twice in one file, whatever the spelling of its period', async () => {
    const p = await plan([';JF-1.1;;AF2024;1;;;', ';JF-1.1;;fy2024;2;;;', ';JF-1.1;;2024;3;;;']);
    expect(p.rows.map((r) => r.action)).toEqual(['rejected', 'rejected', 'create']);
    expect(p.rows[0]?.issues[0]?.code).toBe('duplicate-external-id');
  });

  it('reads a baseline’s date within its year; a date on a target, or out of the year, is refused', async () => {
    const bytes = new TextEncoder().encode(
      [
        'Nature;Indicateur;Période;Valeur;Sexe;Date de référence',
        'Référence;JF-1.1;2022;35;;30/06/2022',
        'Référence;ORG-1;2022;35;;',
        'Référence;JF-1.1;2021;35;Femme;15/01/2022',
        'Cible;ORG-1;2024;7;;01/01/2024',
        'Référence;JF-1.1;2022;35;Homme;31/02/2022',
      ].join('\n'),
    );
    const table = await readSource(bytes, { fileName: 'cibles.csv' });
    if (!table.ok) throw new Error(table.error.message.en);
    const r = dryRun({ table: table.value, profile, refs: REFS, existing: new Map() });
    if (!r.ok || r.value.kind !== 'targets') throw new Error('not a targets plan');
    const rows = r.value.rows;
    expect(rows[0]?.record).toMatchObject({ nature: 'baseline', year: 2022, date: '2022-06-30' });
    expect(rows[1]?.record).not.toHaveProperty('date');
    expect(rows.map((x) => x.issues.map((i) => `${i.code}:${i.field}`))).toEqual([
      [],
      [],
      ['out-of-range:date'],
      ['out-of-range:date'],
      ['not-a-date:date'],
    ]);
    expect(rows[2]?.issues[0]?.message.fr).toBe(
      'La date de la valeur de référence (2022-01-15) n’est pas dans son année 2021',
    );
  });
  it('refuses a cell the indicator is not broken down by, saying its dimensions', async () => {
    const bytes = new TextEncoder().encode(
      [
        'Nature;Indicateur;Période;Valeur;Sexe;Catégorie',
        'Cible;JF-1.1;2024;10;Femme;',
        'Cible;JF-1.1;2024;3;;Médias',
        'Cible;ORG-1;2024;7;Femme;',
      ].join('\n'),
    );
    const table = await readSource(bytes, { fileName: 'cibles.csv' });
    if (!table.ok) throw new Error(table.error.message.en);
    const withCategory = {
      ...profile,
      columns: [...profile.columns, { source: 'Catégorie', target: { field: 'category' } }],
    };
    const r = dryRun({
      table: table.value,
      profile: withCategory,
      refs: REFS,
      existing: new Map(),
    });
    if (!r.ok || r.value.kind !== 'targets') throw new Error('not a targets plan');
    const rows = r.value.rows;
    expect(rows.map((x) => x.issues.map((i) => `${i.code}:${i.field}`))).toEqual([
      [],
      ['not-a-breakdown:category'],
      ['not-a-breakdown:sex'],
    ]);
    expect(rows[1]?.record).toBeNull();
    expect(rows[1]?.issues[0]?.message.fr).toBe(
      'L’indicateur JF-1.1 est ventilé par sexe, tranche d’âge, handicap\u202f: pas par catégorie de participants',
    );
    expect(rows[2]?.issues[0]?.message.en).toBe('Indicator ORG-1 is broken down by no dimension');
  });
});
