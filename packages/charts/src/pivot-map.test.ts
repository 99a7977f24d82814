import fc from 'fast-check';
import { formatFigure, type Figure } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { pivotRegionMap, type PivotLike } from './from-api';
import { svgTexts, xmlError } from './test-support/svg';

/*
 * Issue 16, the choropleth of activities, participants or incidents per region: a pivot split by
 * region drawn on the tile map, each region's total as pivot.query computed it. An open total or
 * a range is said in words on its tile and in the table, and coloured by its lower bound — never
 * drawn as a point.
 */

const exact = (value: number): Figure => ({
  value,
  qualifier: 'exact',
  atLeast: false,
  bounds: null,
  uncounted: 0,
});
const atLeast: Figure = {
  value: 179,
  qualifier: 'at-least',
  atLeast: true,
  bounds: { lower: 179, upper: null },
  uncounted: 13,
};
const range: Figure = {
  value: 56,
  qualifier: 'exact',
  atLeast: false,
  bounds: { lower: 56, upper: 97 },
  uncounted: 0,
};
const label = (s: string) => ({ fr: s, en: s });

const answer: PivotLike = {
  rows: [
    { code: 'ml/mopti', label: label('Mopti') },
    { code: 'ml/segou', label: label('Ségou') },
    { code: 'ml/bandiagara', label: label('Bandiagara') },
    { code: 'ml/kidal', label: label('Kidal') },
  ],
  columns: [{ code: 'female', label: label('Femmes') }],
  cells: [
    { row: 'ml/mopti', column: 'female', figure: exact(3) },
    { row: 'ml/mopti', column: null, figure: exact(41) },
    { row: 'ml/segou', column: null, figure: atLeast },
    { row: 'ml/bandiagara', column: null, figure: range },
    { row: 'ml/kidal', column: null, figure: null },
    { row: null, column: null, figure: exact(999) },
  ],
};

describe('pivotRegionMap', () => {
  const { svg, table } = pivotRegionMap(
    answer,
    'rows',
    { title: 'Participants par région', measure: 'Participants' },
    'fr',
  );

  it('draws each region’s total over the other axis, well formed', () => {
    expect(xmlError(svg)).toBeNull();
    expect(svg).toContain('<g data-region="mopti" data-value="41">');
    // A total that cannot be computed: no data, never zero.
    expect(svg).toContain('<g data-region="kidal" data-value="">');
    // The grand total and the female cell are not regions' totals: not drawn.
    expect(svg).not.toContain('999');
    expect(table.rows).toEqual([
      { header: 'Ségou', cells: ['au moins 179 (13 activités sans décompte)'] },
      { header: 'Bandiagara', cells: ['entre 56 et 97'] },
      { header: 'Mopti', cells: ['41'] },
    ]);
  });

  it('says an open total and a range in words on the tile, coloured by the lower bound', () => {
    expect(svg).toContain('<g data-region="segou" data-value="179" data-figure="au moins 179">');
    expect(svg).toContain(
      '<g data-region="bandiagara" data-value="56" data-figure="entre 56 et 97">',
    );
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['au moins', '179', 'entre 56 et', '97', '41']));
    // No tile prints 56 or 97 alone as if it were the count.
    expect(texts).not.toContain('56');
  });

  it('reads the columns when the regions are there', () => {
    const turned: PivotLike = {
      rows: answer.columns,
      columns: answer.rows,
      cells: answer.cells.map((c) => ({ ...c, row: c.column, column: c.row })),
    };
    const map = pivotRegionMap(turned, 'columns', { title: 'T', measure: 'M' }, 'en');
    expect(map.table.rows.map((r) => r.cells[0])).toEqual([
      'at least 179 (13 activities not counted)',
      'between 56 and 97',
      '41',
    ]);
  });

  it('states every region’s figure in its table and colours it by what is certain (property, fixed seed)', () => {
    const figure = fc
      .record({
        lower: fc.nat(500),
        width: fc.option(fc.nat(200)),
        open: fc.boolean(),
        uncounted: fc.nat(5),
      })
      .map(({ lower, width, open, uncounted }): Figure =>
        open
          ? {
              value: lower,
              qualifier: 'at-least',
              atLeast: true,
              bounds: { lower, upper: null },
              uncounted,
            }
          : width === null
            ? exact(lower)
            : {
                value: lower,
                qualifier: 'exact',
                atLeast: false,
                bounds: { lower, upper: lower + width },
                uncounted: 0,
              },
      );
    const slugs = ['mopti', 'gao', 'kayes', 'san', 'nara'];
    fc.assert(
      fc.property(fc.array(figure, { minLength: 5, maxLength: 5 }), (figures) => {
        const a: PivotLike = {
          rows: slugs.map((s) => ({ code: `ml/${s}`, label: label(s) })),
          columns: [],
          cells: slugs.map((s, i) => ({
            row: `ml/${s}`,
            column: null,
            figure: figures[i] ?? null,
          })),
        };
        const map = pivotRegionMap(a, 'rows', { title: 'T', measure: 'M' }, 'fr');
        slugs.forEach((s, i) => {
          const f = figures[i];
          if (!f) return;
          expect(map.table.rows.find((r) => r.header === s)?.cells).toEqual([
            formatFigure(f, 'fr'),
          ]);
          expect(map.svg).toContain(
            `<g data-region="${s}" data-value="${f.bounds?.lower ?? f.value}"`,
          );
        });
      }),
      { seed: 1617, numRuns: 100 },
    );
  });
});
