import { figureOf, formatFigure } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { quarterlyTrendCharts } from './from-api';

const exact = (value: number) => figureOf({ value, qualifier: 'exact' });
const quarter = (code: string, people: ReturnType<typeof figureOf>) => ({
  code,
  label: code,
  figures: {
    activities: 3,
    participants: exact(120),
    women: exact(60),
    youth: exact(40),
    uniquePeople: people,
  },
});

describe('the unique-people trend', () => {
  const open = figureOf({
    value: 212,
    qualifier: 'at-least',
    bounds: { lower: 212, upper: null },
    uncounted: 2,
  });
  const { uniquePeople } = quarterlyTrendCharts(
    [quarter('2023-Q1', exact(85)), quarter('2023-Q2', open)],
    'fr',
  );

  it('tables each quarter’s distinct people as the API states them, open above when not all named', () => {
    expect(uniquePeople.table.caption).toBe(
      'Personnes uniques par trimestre (nommées sur les listes de présence)',
    );
    expect(uniquePeople.table.rows.map((r) => [r.header, ...r.cells])).toEqual([
      ['2023-Q1', '85'],
      ['2023-Q2', formatFigure(open, 'fr')],
    ]);
    expect(uniquePeople.table.rows[1]?.cells[0]).toMatch(/^au moins 212/);
  });

  it('draws the closed quarter filled and the open one as an open bar', () => {
    const bar = (i: number) =>
      uniquePeople.svg.match(
        new RegExp(`<path [^>]*ecmeta_series_index="\\d+" ecmeta_data_index="${i}"[^>]*>`, 'g'),
      ) ?? [];
    expect(bar(1).some((p) => p.includes('stroke-dasharray'))).toBe(true);
    expect(bar(0).some((p) => p.includes('stroke-dasharray'))).toBe(false);
  });
});
