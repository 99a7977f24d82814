import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { figureOf, type Figure } from '@jalon/domain';
import { dataTableHtml } from './table';
import { indicatorChart, pointShape, type IndicatorChartPoint } from './indicator-chart';
import { drawnIndices, numbersIn, svgTexts, xmlError } from './test-support/svg';

const NNBSP = '\u202f';
const BAR = 0;
const AT_LEAST = 1;

/** Five quarters: exact, open (13 activities never counted), a range, not computable, approximate. */
const points: IndicatorChartPoint[] = [
  {
    periodCode: '2023Q1',
    label: 'T1 2023',
    figure: figureOf({ value: 120, qualifier: 'exact' }),
    target: 150,
    baseline: 80,
  },
  {
    periodCode: '2023Q2',
    label: 'T2 2023',
    figure: figureOf({
      value: 179,
      qualifier: 'at-least',
      bounds: { lower: 179, upper: null },
      uncounted: 13,
    }),
    target: 150,
    baseline: 80,
  },
  {
    periodCode: '2023Q3',
    label: 'T3 2023',
    figure: figureOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }),
    target: 2500,
    baseline: 80,
  },
  { periodCode: '2023Q4', label: 'T4 2023', figure: null, target: 150, baseline: 80 },
  {
    periodCode: '2024Q1',
    label: 'T1 2024',
    figure: figureOf({ value: 1234.5, qualifier: 'approximate' }),
    target: null,
    baseline: 80,
  },
];
const title = 'Personnes « formées » & sensibilisées';

describe('indicatorChart', () => {
  it('is well-formed SVG named by a <title> and an aria-label', () => {
    const { svg } = indicatorChart({ title, points }, 'fr');
    expect(xmlError(svg)).toBeNull();
    expect(svgTexts(svg, 'title')).toEqual([title]);
    expect(svg).toMatch(/^<svg role="img" aria-label="Personnes « formées » &amp; sensibilisées" /);
    expect(svg).not.toContain('NaN');
  });

  it('catches broken XML (the check above can fail)', () => {
    expect(xmlError('<svg><text>a & b</text></svg>')).not.toBeNull();
  });

  it('prints each value once, exactly as the domain formats it, in French', () => {
    const { svg } = indicatorChart({ title, points }, 'fr');
    const texts = svgTexts(svg);
    const values = [
      '120',
      'au moins 179 (13 activités sans décompte)',
      'entre 56 et 97',
      `environ 1${NNBSP}234,5`,
    ];
    for (const v of values) expect(texts.filter((t) => t === v)).toHaveLength(1);
    expect(texts).not.toContain('non calculable');
    const categories = ['T1 2023', 'T2 2023', 'T3 2023', 'T4 2023', 'T1 2024'];
    const legend = ['Réalisé', 'Au moins', 'Fourchette', 'Cible', 'Valeur de référence'];
    for (const t of [...categories, ...legend, title]) expect(texts).toContain(t);
    // What is left are the axis ticks: French numbers only, never `1,000` or `1000`.
    const ticks = texts.filter((t) => ![...values, ...categories, ...legend, title].includes(t));
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^\d{1,3}(\u202f\d{3})*(,\d+)?$/);
    expect(ticks).toContain(`2${NNBSP}500`);
  });

  it('speaks English under /en', () => {
    const { svg, table } = indicatorChart({ title: 'People trained', points }, 'en');
    const texts = svgTexts(svg);
    for (const v of [
      'at least 179 (13 activities not counted)',
      'between 56 and 97',
      'about 1,234.5',
    ])
      expect(texts).toContain(v);
    expect(texts).toContain('2,500');
    expect(table.columns).toEqual(['Period', 'Actual', 'Target', 'Baseline']);
    expect(table.rows[3]?.cells).toEqual(['not computable', '150', '80']);
  });

  it('draws closed values as bars, the open one as a marker, the range as neither', () => {
    const { svg } = indicatorChart({ title, points }, 'fr');
    expect([...drawnIndices(svg, BAR)].sort()).toEqual([0, 4]);
    expect([...drawnIndices(svg, AT_LEAST)]).toEqual([1]);
  });

  it('gives the same numbers as an accessible table', () => {
    const { table } = indicatorChart({ title, points }, 'fr');
    expect(table.caption).toBe(title);
    expect(table.rows).toEqual([
      { header: 'T1 2023', cells: ['120', '150', '80'] },
      { header: 'T2 2023', cells: ['au moins 179 (13 activités sans décompte)', '150', '80'] },
      { header: 'T3 2023', cells: ['entre 56 et 97', `2${NNBSP}500`, '80'] },
      { header: 'T4 2023', cells: ['non calculable', '150', '80'] },
      { header: 'T1 2024', cells: [`environ 1${NNBSP}234,5`, '–', '80'] },
    ]);
    const html = dataTableHtml(table);
    expect(xmlError(html)).toBeNull();
    expect(html).toContain('<caption>Personnes « formées » &amp; sensibilisées</caption>');
    expect(html).toContain('<th scope="col">Cible</th>');
    expect(html).toContain('<tr><th scope="row">T3 2023</th><td>entre 56 et 97</td>');
  });
});

/** A value with up to two decimals, as indicator.values rounds them. */
const amount = fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 100);

const figureArb: fc.Arbitrary<Figure | null> = fc.oneof(
  fc.constant(null),
  fc.record({ value: amount, qualifier: fc.constantFrom('exact', 'approximate') }).map(figureOf),
  // Open above: recorded as "plus de", or computed with activities nobody counted.
  fc
    .record({
      value: amount,
      approximate: fc.boolean(),
      uncounted: fc.integer({ min: 0, max: 40 }),
      bounded: fc.boolean(),
    })
    .map(({ value, approximate, uncounted, bounded }) =>
      figureOf({
        value,
        qualifier: approximate ? 'approximate' : 'at-least',
        atLeast: true,
        bounds: bounded || approximate ? { lower: value, upper: null } : null,
        uncounted,
      }),
    ),
  // The bounds of cells never recorded.
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

const pointsArb = fc.array(
  fc.record({
    figure: figureArb,
    target: fc.option(amount, { nil: null }),
    baseline: fc.option(amount, { nil: null }),
  }),
  { minLength: 1, maxLength: 8 },
);

describe('indicatorChart (property, fixed seed)', () => {
  it('carries every input value in its table, and never draws an open value as a closed bar', () => {
    fc.assert(
      fc.property(pointsArb, fc.constantFrom('fr' as const, 'en' as const), (raw, locale) => {
        const pts: IndicatorChartPoint[] = raw.map((p, i) => ({
          ...p,
          periodCode: `2020Q${i + 1}`,
          label: `P${i + 1}`,
        }));
        const { svg, table } = indicatorChart({ title: 'Indicateur', points: pts }, locale);
        expect(table.rows.map((r) => r.header)).toEqual(pts.map((p) => p.label));
        const bars = drawnIndices(svg, BAR);
        const markers = drawnIndices(svg, AT_LEAST);
        pts.forEach((p, i) => {
          const [actual = '', target = '', baseline = ''] = table.rows[i]?.cells ?? [];
          const f = p.figure;
          if (f?.bounds && f.bounds.upper !== null && f.bounds.upper !== f.bounds.lower) {
            expect(numbersIn(actual, locale)).toEqual(
              expect.arrayContaining([f.bounds.lower, f.bounds.upper]),
            );
          } else if (f) expect(numbersIn(actual, locale)).toContain(f.value);
          if (p.target !== null) expect(numbersIn(target, locale)).toEqual([p.target]);
          else expect(target).toBe('–');
          if (p.baseline !== null) expect(numbersIn(baseline, locale)).toEqual([p.baseline]);
          else expect(baseline).toBe('–');
          // The SVG shows the very text of the table for each computable value.
          if (f) expect(svgTexts(svg)).toContain(actual);
          const shape = pointShape(f);
          expect(bars.has(i)).toBe(shape === 'bar');
          expect(markers.has(i)).toBe(shape === 'at-least');
          if (f && (f.atLeast || f.qualifier === 'at-least')) expect(bars.has(i)).toBe(false);
        });
        expect(svg).not.toContain('NaN');
      }),
      { seed: 1616, numRuns: 120 },
    );
  });
});
