import { describe, expect, it } from 'vitest';
import { pivotCsv, pivotGrid, pivotSearch, readPivotQuery, type PivotAnswer } from './pivot';

const exact = (value: number) => ({
  value,
  qualifier: 'exact' as const,
  atLeast: false,
  bounds: null,
  uncounted: 0,
});
const answer: PivotAnswer = {
  rows: [
    { code: 'FPS', label: { fr: 'Femme, paix et sécurité', en: 'Women, Peace and Security' } },
    { code: 'NEWS', label: { fr: 'Alerte "précoce", NEWS', en: 'NEWS' } },
  ],
  columns: [{ code: 'female', label: { fr: 'femmes', en: 'women' } }],
  cells: [
    { row: 'FPS', column: 'female', figure: exact(78), notComputable: null },
    {
      row: 'FPS',
      column: null,
      figure: { value: 325, qualifier: 'at-least', atLeast: true, bounds: null, uncounted: 0 },
      notComputable: null,
    },
    {
      row: 'NEWS',
      column: 'female',
      figure: {
        value: 56,
        qualifier: 'at-least',
        atLeast: false,
        bounds: { lower: 56, upper: 97 },
        uncounted: 0,
      },
      notComputable: null,
    },
    { row: 'NEWS', column: null, figure: null, notComputable: { fr: 'non', en: 'no' } },
    {
      row: null,
      column: 'female',
      figure: {
        value: 179,
        qualifier: 'at-least',
        atLeast: true,
        bounds: { lower: 179, upper: null },
        uncounted: 13,
      },
      notComputable: null,
    },
    { row: null, column: null, figure: exact(1234), notComputable: null },
  ],
};
const words = { rows: 'Lignes', total: 'Total', notComputable: 'non calculable' };

describe('the pivot page’s grid', () => {
  it('reads the form from the URL, falling back on what it does not know', () => {
    expect(readPivotQuery(new URLSearchParams(''), '2023-Q2')).toEqual({
      period: '2023-Q2',
      rows: 'programme',
      columns: 'sex',
      measure: 'participants',
    });
    expect(
      readPivotQuery(
        new URLSearchParams('measure=incidents&rows=region&columns=&period=2023'),
        'x',
      ),
    ).toEqual({ period: '2023', rows: 'region', columns: null, measure: 'incidents' });
    expect(
      readPivotQuery(new URLSearchParams('measure=nope&rows=sex&columns=sex'), 'x'),
    ).toMatchObject({
      measure: 'participants',
      rows: 'sex',
      columns: null,
    });
    const q = readPivotQuery(new URLSearchParams('rows=grant&columns=age'), '2023-Q2');
    expect(readPivotQuery(new URLSearchParams(pivotSearch(q).slice(1)), 'x')).toEqual(q);
  });

  it('writes every cell with the domain’s words: open values, ranges and totals as the API computed them', () => {
    const grid = pivotGrid(answer, 'fr', words, (m) => m.label.fr);
    expect(grid.header).toEqual(['Lignes', 'femmes', 'Total']);
    expect(grid.rows).toEqual([
      { header: 'Femme, paix et sécurité', cells: ['78', 'plus de 325'], total: false },
      {
        header: 'Alerte "précoce", NEWS',
        cells: ['entre 56 et 97', 'non calculable'],
        total: false,
      },
      {
        header: 'Total',
        cells: ['au moins 179 (13 activités sans décompte)', '1\u202f234'],
        total: true,
      },
    ]);
    // Only exact values become numbers in the workbook.
    expect(grid.exact).toEqual([
      [78, null],
      [null, null],
      [null, 1234],
    ]);
  });

  it('gives a CSV that reads back to the same grid', () => {
    const grid = pivotGrid(answer, 'fr', words, (m) => m.label.fr);
    const csv = pivotCsv(grid);
    expect(csv.startsWith('\ufeffLignes,femmes,Total\r\n')).toBe(true);
    expect(readCsv(csv.slice(1))).toEqual([
      grid.header,
      ...grid.rows.map((r) => [r.header, ...r.cells]),
    ]);
  });
});

/** A small RFC 4180 reader, to read the export back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}
