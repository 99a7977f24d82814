import { describe, expect, it, vi } from 'vitest';
import { earlyWarningCharts, indicatorCharts, pivotMap, trailingQuarters } from './charts';

describe('trailingQuarters', () => {
  it('gives the four quarters up to a quarter, a month’s quarter or a year’s last', () => {
    expect(trailingQuarters('2023-Q2')).toEqual(['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']);
    expect(trailingQuarters('2023-05')).toEqual(['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']);
    expect(trailingQuarters('2023')).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(trailingQuarters('2024-Q1', 2)).toEqual(['2023-Q4', '2024-Q1']);
    expect(trailingQuarters('FY2024-Q1')).toBeNull();
    expect(trailingQuarters('2023-13')).toBeNull();
  });
});

const group = (key: string, label: string, incidents: number, deaths = 0, injuries = 0) => ({
  key,
  label,
  incidents,
  deaths,
  injuries,
});

describe('the pages’ charts', () => {
  it('draw the early warning from incident.summary: months spelt out, categories named, regions on the map', () => {
    const charts = earlyWarningCharts(
      {
        months: [group('2023-04', '2023-04', 40, 52, 80), group('2023-05', '2023-05', 1234)],
        categories: [group('democracy-governance', 'democracy-governance', 12, 3, 4)],
        regions: [group('ml/mopti', 'Mopti', 41), group('ml/kayes', 'Kayes <b>', 2)],
      },
      'fr',
    );
    expect(charts.months?.table.rows).toEqual([
      { header: 'avril 2023', cells: ['40', '52', '80'] },
      { header: 'mai 2023', cells: ['1\u202f234', '0', '0'] },
    ]);
    expect(charts.categories?.table.rows[0]).toEqual({
      header: 'Démocratie et gouvernance',
      cells: ['12', '3', '4'],
    });
    expect(charts.map?.svg).toContain('<g data-region="mopti" data-value="41">');
    // A label is text in the SVG, never markup.
    expect(charts.map?.svg).toContain('Kayes &lt;b&gt;');
    expect(charts.map?.svg).not.toContain('<b>');
  });

  it('leave out a chart the API’s answer cannot draw, and say so in the log', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const charts = earlyWarningCharts(
      { months: [group('2023-04', '', -1)], categories: [], regions: [] },
      'en',
    );
    expect(charts.months).toBeNull();
    expect(charts.map).not.toBeNull();
    expect(error).toHaveBeenCalledWith(
      '[web] chart incidents by month not drawn',
      expect.anything(),
    );
    error.mockRestore();
  });

  it('draw each indicator over the quarters, in the order asked', () => {
    const item = (id: string, code: string, value: number) => ({
      indicator: { id, title: `Indicateur ${id}`, titleEn: `Indicator ${id}` },
      period: { code },
      figure: { value, qualifier: 'exact' as const, atLeast: false, bounds: null, uncounted: 0 },
      target: 10,
      baseline: null,
    });
    const charts = indicatorCharts(
      [
        { items: [item('a', '2023-Q1', 4), item('b', '2023-Q1', 1)] },
        { items: [item('a', '2023-Q2', 9)] },
      ],
      'en',
    );
    expect(Object.keys(charts)).toEqual(['a', 'b']);
    expect(charts.a?.table.rows).toEqual([
      { header: 'Q1 2023', cells: ['4', '10', '–'] },
      { header: 'Q2 2023', cells: ['9', '10', '–'] },
    ]);
    expect(charts.b?.table.rows).toHaveLength(1);
  });
});

describe('the pivot’s map', () => {
  const exact = (value: number) => ({
    value,
    qualifier: 'exact' as const,
    atLeast: false,
    bounds: null,
    uncounted: 0,
  });
  const mopti = { code: 'ml/mopti', label: { fr: 'Mopti', en: 'Mopti' } };
  const sex = { code: 'female', label: { fr: 'Femmes', en: 'Women' } };
  const words = { title: 'Activités par région', measure: 'Activités' };

  it('draws the regions when they are the rows or the columns, and nothing otherwise', () => {
    const byRows = pivotMap(
      {
        rows: [mopti],
        columns: [sex],
        cells: [{ row: 'ml/mopti', column: null, figure: exact(7) }],
      },
      { rows: 'region', columns: 'sex' },
      words,
      'fr',
    );
    expect(byRows?.svg).toContain('<g data-region="mopti" data-value="7">');
    const byColumns = pivotMap(
      {
        rows: [sex],
        columns: [mopti],
        cells: [{ row: null, column: 'ml/mopti', figure: exact(5) }],
      },
      { rows: 'sex', columns: 'region' },
      words,
      'fr',
    );
    expect(byColumns?.table.rows).toEqual([{ header: 'Mopti', cells: ['5'] }]);
    expect(
      pivotMap(
        { rows: [sex], columns: [], cells: [] },
        { rows: 'sex', columns: null },
        words,
        'fr',
      ),
    ).toBeNull();
  });
});
