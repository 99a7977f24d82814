import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { figureOf, type Figure } from '@jalon/domain';
import { barChart, lineChart, stackedBarChart, type ChartValue } from './bar-chart';
import { ChartInputError } from './input';
import { drawnIndices, numbersIn, svgTexts, xmlError } from './test-support/svg';

const NNBSP = '\u202f';
/** Series index of each shape of the first series (see barChart). */
const BASE = 0;
const CLOSED = 1;
const OPEN = 2;
const RANGE = 3;

const quarters = [
  { code: '2023-Q1', label: 'T1 2023' },
  { code: '2023-Q2', label: 'T2 2023' },
  { code: '2023-Q3', label: 'T3 2023' },
  { code: '2023-Q4', label: 'T4 2023' },
];
const values: ChartValue[] = [
  120,
  figureOf({
    value: 179,
    qualifier: 'at-least',
    bounds: { lower: 179, upper: null },
    uncounted: 13,
  }),
  figureOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }),
  null,
];

describe('barChart', () => {
  const chart = barChart(
    {
      title: 'Femmes <touchées> & jeunes',
      categoryHeader: 'Trimestre',
      categories: quarters,
      series: [{ name: 'Femmes', values }],
    },
    'fr',
  );

  it('is well-formed SVG that scales to its container (viewBox, width 100 %, no fixed height)', () => {
    expect(xmlError(chart.svg)).toBeNull();
    expect(chart.svg).toMatch(
      /^<svg role="img" aria-label="Femmes &lt;touchées&gt; &amp; jeunes" width="100%" /,
    );
    expect(chart.svg).toMatch(/viewBox="0 0 720 360"/);
    expect(chart.svg).not.toMatch(/^<svg[^>]* height=/);
    // No hover stylesheet whose class names another chart on the page would share.
    expect(chart.svg).not.toContain('<style');
    expect(chart.svg).not.toContain('zr0-cls');
  });

  it('draws a closed value as a filled bar, an open one as an open bar, a range as a floating box', () => {
    expect([...drawnIndices(chart.svg, CLOSED)]).toEqual([0]);
    expect([...drawnIndices(chart.svg, OPEN)]).toEqual([1]);
    expect([...drawnIndices(chart.svg, RANGE)]).toEqual([2]);
    // The base under the range is there to lift the box, and is invisible.
    const base = chart.svg.match(/<path [^>]*ecmeta_series_index="0" ecmeta_data_index="2"[^>]*>/);
    expect(base?.[0]).toMatch(/fill-opacity="0"|fill="none"|fill="rgba\(0,0,0,0\)"/);
    expect(drawnIndices(chart.svg, BASE).has(0)).toBe(false);
    const open = chart.svg.match(/<path [^>]*ecmeta_series_index="2" ecmeta_data_index="1"[^>]*>/);
    expect(open?.[0]).toContain('stroke-dasharray');
    expect(open?.[0]).toContain('fill="#ffffff"');
  });

  it('prints the domain’s texts, the same in the chart and in its table', () => {
    expect(chart.table.columns).toEqual(['Trimestre', 'Femmes']);
    expect(chart.table.rows).toEqual([
      { header: 'T1 2023', cells: ['120'] },
      { header: 'T2 2023', cells: ['au moins 179 (13 activités sans décompte)'] },
      { header: 'T3 2023', cells: ['entre 56 et 97'] },
      { header: 'T4 2023', cells: ['non calculable'] },
    ]);
    const texts = svgTexts(chart.svg);
    for (const t of ['120', 'au moins 179 (13 activités sans décompte)', 'entre 56 et 97'])
      expect(texts).toContain(t);
    expect(texts).not.toContain('non calculable');
    expect(texts).toEqual(expect.arrayContaining(['Au moins', 'Fourchette']));
  });

  it('writes percentages out of 100 with a narrow no-break space', () => {
    const { table, svg } = barChart(
      {
        title: 'Scores',
        categoryHeader: 'Domaine',
        unit: 'percent',
        categories: [{ code: 'GOV', label: 'Gouvernance' }],
        series: [{ name: 'Score', values: [86.85] }],
      },
      'fr',
    );
    expect(table.rows[0]?.cells).toEqual([`86,85${NNBSP}%`]);
    expect(svgTexts(svg)).toContain(`86,85${NNBSP}%`);
    expect(svgTexts(svg)).toContain(`100${NNBSP}%`);
  });

  it('refuses a series without one value per category, naming it in French and English', () => {
    const bad = () =>
      barChart(
        {
          title: 'x',
          categoryHeader: 'y',
          categories: quarters,
          series: [{ name: 'z', values: [1] }],
        },
        'fr',
      );
    expect(bad).toThrow(ChartInputError);
    expect(bad).toThrow(/one value per category/);
  });
});

describe('lineChart and stackedBarChart', () => {
  it('draws the index over the cycles with each point labelled', () => {
    const { svg, table } = lineChart(
      {
        title: 'Indice',
        categoryHeader: 'Cycle',
        unit: 'percent',
        categories: [2019, 2022].map((c) => ({ code: String(c), label: String(c) })),
        series: [{ name: 'Indice', values: [79.2, 86.85] }],
      },
      'en',
    );
    expect(xmlError(svg)).toBeNull();
    expect(table.rows).toEqual([
      { header: '2019', cells: ['79.20%'] },
      { header: '2022', cells: ['86.85%'] },
    ]);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['79.20%', '86.85%']));
  });

  it('stacks exact counts and totals them in the table', () => {
    const { svg, table } = stackedBarChart(
      {
        title: 'Statuts',
        categoryHeader: 'Subvention',
        totalHeader: 'Total',
        categories: [{ code: 'A', label: 'PROSMED-CCSC' }],
        series: [
          { name: 'En bonne voie', values: [3] },
          { name: 'En retard', values: [2] },
        ],
      },
      'fr',
    );
    expect(xmlError(svg)).toBeNull();
    expect(table.rows).toEqual([{ header: 'PROSMED-CCSC', cells: ['3', '2', '5'] }]);
    expect(() =>
      stackedBarChart(
        {
          title: 'S',
          categoryHeader: 'G',
          totalHeader: 'T',
          categories: [{ code: 'A', label: 'A' }],
          series: [{ name: 'x', values: [1.5] }],
        },
        'fr',
      ),
    ).toThrow(ChartInputError);
  });
});

const amount = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100);
const valueArb: fc.Arbitrary<ChartValue> = fc.oneof(
  fc.constant(null),
  amount,
  fc.record({ value: amount, qualifier: fc.constantFrom('exact', 'approximate') }).map(figureOf),
  amount.map((value): Figure =>
    figureOf({ value, qualifier: 'at-least', bounds: { lower: value, upper: null } }),
  ),
  fc
    .tuple(amount, amount)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) =>
      figureOf({
        value: Math.min(a, b),
        qualifier: 'at-least',
        bounds: { lower: Math.min(a, b), upper: Math.max(a, b) },
      }),
    ),
);

describe('barChart (property, fixed seed)', () => {
  it('carries every value in its table and draws each with its own shape only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(valueArb, { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom('fr' as const, 'en' as const),
        (series, locale) => {
          const categories = [0, 1, 2].map((i) => ({ code: `c${i}`, label: `C${i}` }));
          const { svg, table } = barChart(
            {
              title: 'T',
              categoryHeader: 'C',
              categories,
              series: series.map((values, j) => ({ name: `S${j}`, values })),
            },
            locale,
          );
          expect(xmlError(svg)).toBeNull();
          series.forEach((values, j) => {
            const closed = drawnIndices(svg, 4 * j + CLOSED);
            const open = drawnIndices(svg, 4 * j + OPEN);
            const range = drawnIndices(svg, 4 * j + RANGE);
            values.forEach((v, i) => {
              const text = table.rows[i]?.cells[j] ?? '';
              const f = typeof v === 'number' ? figureOf({ value: v, qualifier: 'exact' }) : v;
              const isRange =
                !!f?.bounds && f.bounds.upper !== null && f.bounds.upper !== f.bounds.lower;
              const isOpen = !isRange && !!f && (f.atLeast || f.qualifier === 'at-least');
              if (isRange && f?.bounds)
                expect(numbersIn(text, locale)).toEqual([f.bounds.lower, f.bounds.upper]);
              else if (f) expect(numbersIn(text, locale)[0]).toBe(f.value);
              // A zero-height bar draws nothing, whatever its kind.
              const drawn = (set: Set<number>) => set.has(i) || (f?.value === 0 && !isRange);
              expect(closed.has(i)).toBe(!!f && !isRange && !isOpen && drawn(closed));
              expect(open.has(i)).toBe(isOpen && drawn(open));
              expect(range.has(i)).toBe(isRange);
              if (f && f.value !== 0) expect(svgTexts(svg)).toContain(text);
            });
          });
        },
      ),
      { seed: 1617, numRuns: 60 },
    );
  });
});
