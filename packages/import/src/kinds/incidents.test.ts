import { must } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../dry-run';
import { mappingProfile } from '../profile';
import { readSource } from '../read/index';
import { REFS } from '../test-support/references';

const profile = mappingProfile.parse({
  format: 1,
  name: 'Registre des incidents',
  kind: 'incidents',
  columns: [
    { source: 'N°', target: { field: 'externalId' } },
    { source: 'Date', target: { field: 'date' } },
    { source: 'Domaine', target: { field: 'category' } },
    { source: 'Morts', target: { field: 'deaths' } },
    { source: 'Blessés', target: { field: 'injuries' } },
    { source: 'Vérifié', target: { field: 'verified' } },
    { source: 'Lieu', target: { field: 'place' } },
  ],
});

async function plan(rows: string[]) {
  const bytes = new TextEncoder().encode(
    ['N°;Date;Domaine;Morts;Blessés;Vérifié;Lieu', ...rows].join('\n'),
  );
  const table = await readSource(bytes, { fileName: 'incidents.csv' });
  if (!table.ok) throw new Error(table.error.message.en);
  const r = dryRun({ table: table.value, profile, refs: REFS, existing: new Map() });
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

describe('incident rows', () => {
  it('reads the register as French writes it: domains by name, blank victims as 0, oui/non', async () => {
    const p = await plan([
      'I-1;03/02/2024;Démocratie et gouvernance;2;5;oui;Mopti',
      'I-2;04/02/2024;securite environnementale;;1;Non;Segou',
    ]);
    expect(p.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 0 });
    expect(p.rows.map((r) => r.record)).toEqual([
      {
        externalId: 'I-1',
        date: '2024-02-03',
        category: 'democracy-governance',
        deaths: 2,
        injuries: 5,
        verified: true,
        placeId: 'place-mopti',
        programmeId: null,
        description: null,
      },
      {
        externalId: 'I-2',
        date: '2024-02-04',
        category: 'environmental-security',
        deaths: 0,
        injuries: 1,
        verified: false,
        placeId: 'place-segou',
        programmeId: null,
        description: null,
      },
    ]);
  });

  it('rejects an unknown domain, fractional or negative victims and a missing date, each named', async () => {
    const p = await plan([
      'I-3;03/02/2024;Gouvernanse;1;0;oui;Mopti',
      'I-4;03/02/2024;Gouvernance;-1;2,5;oui;Mopti',
      'I-5;;Gouvernance;0;0;oui;Mopti',
    ]);
    expect(p.counts.rejected).toBe(3);
    const codes = p.groups.map((g) => [g.code, g.field, g.rowRanges]);
    expect(codes).toContainEqual(['unknown-choice', 'category', '2']);
    expect(codes).toContainEqual(['out-of-range', 'deaths', '3']);
    expect(codes).toContainEqual(['out-of-range', 'injuries', '3']);
    expect(codes).toContainEqual(['required', 'date', '4']);
    const unknown = must(
      p.groups.find((g) => g.code === 'unknown-choice'),
      'p.groups.find((g) => g.code === ’unknown-choice’)',
    );
    expect(must(unknown.examples[0], 'unknown.examples[0]').suggestions).toContain('gouvernance');
  });
});
