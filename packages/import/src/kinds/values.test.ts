import { QUALIFIERS } from '@jalon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../dry-run';
import { readSource } from '../read/index';
import { templateProfile } from '../template';
import { REFS } from '../test-support/references';
import { enteredValueCounts, enteredValueHashes, valueChange, type EnteredValue } from './values';

const profile = templateProfile('values');
const HEADER = 'Indicateur;Période;Sexe;Tranche d’âge;Handicap;Valeur;Note';

async function plan(rows: string[], existing: ReadonlyMap<string, string> = new Map()) {
  const bytes = new TextEncoder().encode([HEADER, ...rows].join('\n'));
  const table = await readSource(bytes, { fileName: 'valeurs.csv' });
  if (!table.ok) throw new Error(table.error.message.en);
  const r = dryRun({ table: table.value, profile, refs: REFS, existing });
  if (!r.ok) throw new Error(r.error.message.en);
  if (r.value.kind !== 'values') throw new Error(r.value.kind);
  return r.value;
}

const TYPED: EnteredValue[] = [
  {
    indicator: { id: 'ind-free', code: 'ORG-1' },
    periodCode: '2024-03',
    periodStart: '2024-03-01',
    periodEnd: '2024-03-31',
    cellKey: '',
    value: 7,
    qualifier: 'exact',
    note: null,
  },
  {
    indicator: { id: 'ind-free', code: 'ORG-1' },
    periodCode: '2024-04',
    periodStart: '2024-04-01',
    periodEnd: '2024-04-30',
    cellKey: '',
    value: 9,
    qualifier: 'exact',
    note: null,
  },
  {
    indicator: { id: 'ind-free', code: 'ORG-1' },
    periodCode: '2024-06',
    periodStart: '2024-06-01',
    periodEnd: '2024-06-30',
    cellKey: '',
    value: 50,
    qualifier: 'approximate',
    note: null,
  },
];

describe('values rows (entered by hand)', () => {
  it('reads the period on the grant’s calendar, the cell, a French number and the note', async () => {
    const p = await plan([
      'jf-1.1;AF2024;Femme;;;1 234,5;relevé du registre',
      'ORG-1;2024-03;;;;7;',
    ]);
    expect(p.groups).toEqual([]);
    expect(p.rows.map((r) => r.record)).toEqual([
      {
        externalId: 'JF-1.1|FY2024|sex=female',
        indicatorId: 'ind-1',
        periodCode: 'FY2024',
        periodStart: '2023-10-01',
        periodEnd: '2024-09-30',
        cellKey: 'sex=female',
        value: 1234.5,
        qualifier: 'exact',
        note: 'relevé du registre',
      },
      {
        externalId: 'ORG-1|2024-03|',
        indicatorId: 'ind-free',
        periodCode: '2024-03',
        periodStart: '2024-03-01',
        periodEnd: '2024-03-31',
        cellKey: '',
        value: 7,
        qualifier: 'exact',
        note: null,
      },
    ]);
  });

  it('reads a value’s qualifier with the count’s words, on decimal numbers too', async () => {
    const p = await plan([
      'ORG-1;2024-01;;;;environ 50;',
      'ORG-1;2024-02;;;;plus de 50;',
      'ORG-1;2024-03;;;;≈ 50;',
      'ORG-1;2024-04;;;;≥ 50;',
      'ORG-1;2024-05;;;;au moins 1 234,5;',
      'ORG-1;2024-06;;;;50+;',
      'ORG-1;2024-07;;;;environ;',
      'ORG-1;2024-08;;;;beaucoup;',
    ]);
    expect(
      p.rows.map((r) => (r.record ? [r.record.value, r.record.qualifier] : r.issues[0]?.code)),
    ).toEqual([
      [50, 'approximate'],
      [50, 'at-least'],
      [50, 'approximate'],
      [50, 'at-least'],
      [1234.5, 'at-least'],
      [50, 'at-least'],
      'not-a-number',
      'not-a-number',
    ]);
    expect(p.rows[6]?.issues[0]?.message.fr).toBe(
      '« environ » n’est pas un nombre (12,5, « environ 50 », « plus de 50 »)',
    );
  });

  it('names each bad row: unknown indicator, LOG, a period unread, a value missing, the same value twice', async () => {
    const p = await plan([
      'NOPE;2024;;;;1;',
      'JF-1.1;LOG;;;;1;',
      'JF-1.1;2024-T9;;;;1;',
      'JF-1.1;2024;;;;;',
      'JF-1.1;2024-Q1;;;;2;',
      'JF-1.1;2024-Q1;;;;3;',
    ]);
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 6 });
    const codes = p.rows.map((r) => r.issues.map((i) => i.code));
    expect(codes).toEqual([
      ['indicator-not-found'],
      ['not-a-period'],
      ['not-a-period'],
      ['required'],
      ['duplicate-external-id'],
      ['duplicate-external-id'],
    ]);
    expect(p.rows[1]?.issues[0]?.message.en).toMatch(/not the life of the grant/);
  });

  it('plans create / update / unchanged against the values already typed by hand', async () => {
    const typed = enteredValueHashes(TYPED);
    const p = await plan(
      [
        'ORG-1;2024-03;;;;7;',
        'ORG-1;2024-04;;;;10;',
        'ORG-1;2024-05;;;;1;',
        'ORG-1;2024-06;;;;environ 50;',
        'ORG-1;2024-07;;;;50;',
      ],
      typed,
    );
    expect(p.rows.map((r) => r.action)).toEqual([
      'unchanged',
      'update',
      'create',
      'unchanged',
      'create',
    ]);
    // The same figure said exact where « environ » was typed: an update.
    const exact = await plan(['ORG-1;2024-06;;;;50;'], typed);
    expect(exact.rows.map((r) => r.action)).toEqual(['update']);
  });

  it('says a change of qualifier alone, `environ 50` → `plus de 50`, in French and English', async () => {
    const p = await plan(
      ['ORG-1;2024-06;;;;plus de 50;', 'ORG-1;2024-03;;;;7;', 'ORG-1;2024-05;;;;≈ 1 200;'],
      enteredValueHashes(TYPED),
    );
    const held = enteredValueCounts(TYPED);
    const said = p.rows.map((r) => {
      const change = valueChange(held.get(r.externalId ?? ''), r.record ?? { value: 0 });
      return [r.action, change.before?.text ?? null, change.after.text];
    });
    expect(said).toEqual([
      ['update', { fr: 'environ 50', en: 'about 50' }, { fr: 'plus de 50', en: 'more than 50' }],
      ['unchanged', { fr: '7', en: '7' }, { fr: '7', en: '7' }],
      ['create', null, { fr: `environ 1\u202f200`, en: 'about 1,200' }],
    ]);
  });

  it('says two values alike only when figure and qualifier are the same (property)', () => {
    const count = fc.record({
      value: fc.integer({ min: 1, max: 1_000_000_000 }),
      qualifier: fc.constantFrom(...QUALIFIERS),
    });
    fc.assert(
      fc.property(count, count, fc.constantFrom('fr' as const, 'en' as const), (a, b, l) => {
        const c = valueChange(a, b);
        const same = a.value === b.value && a.qualifier === b.qualifier;
        expect(c.before?.text[l] === c.after.text[l]).toBe(same);
        expect([c.after.value, c.after.qualifier]).toEqual([b.value, b.qualifier]);
      }),
    );
  });

  it('reads a value staged before values had their qualifier as exact', () => {
    expect(valueChange(null, { value: 50 })).toEqual({
      before: null,
      after: { value: 50, qualifier: 'exact', text: { fr: '50', en: '50' } },
    });
  });
});
