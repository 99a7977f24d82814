import {
  formatFigure,
  PIVOT_DIMENSIONS,
  PIVOT_MEASURES,
  type Figure,
  type PivotDimension,
  type PivotMeasure,
} from '@jalon/domain';
import type { Locale } from '$lib/paraglide/runtime';

/*
 * The pivot table page's pure part: what the form asks (read from the URL, anything unknown
 * falls back), and the answer of `pivot.query` laid out as a grid of texts, for the page, the
 * CSV and the workbook alike — each cell written by the domain's formatter (« au moins 179 »,
 * `56–97`), never a bare number for an open value.
 */

/** The dimensions and measures are the domain's (`@jalon/domain`'s pivot), read from there. */
export { PIVOT_DIMENSIONS, PIVOT_MEASURES, type PivotDimension, type PivotMeasure };

export type PivotQuery = {
  period: string;
  rows: PivotDimension;
  columns: PivotDimension | null;
  measure: PivotMeasure;
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;

/**
 * The form's choice from the URL: programmes × sex of the participants by default.
 * @example readPivotQuery(new URLSearchParams('measure=incidents&rows=region'), '2023-Q2') // { period: '2023-Q2', rows: 'region', columns: null, measure: 'incidents' }
 */
export function readPivotQuery(params: URLSearchParams, defaultPeriod: string): PivotQuery {
  const measure = oneOf(PIVOT_MEASURES, params.get('measure')) ?? 'participants';
  const rows = oneOf(PIVOT_DIMENSIONS, params.get('rows')) ?? 'programme';
  const columnsRaw = params.get('columns');
  const columns =
    columnsRaw === null && !params.has('rows') ? 'sex' : oneOf(PIVOT_DIMENSIONS, columnsRaw);
  return {
    period: params.get('period')?.trim() || defaultPeriod,
    rows,
    columns: columns === rows ? null : columns,
    measure,
  };
}

/** The URL query of a choice (for the export links). */
export function pivotSearch(q: PivotQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ period: q.period, measure: q.measure, rows: q.rows });
  p.set('columns', q.columns ?? '');
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `?${p}`;
}

type Member = { code: string; label: { fr: string; en: string } };
type Cell = {
  row: string | null;
  column: string | null;
  figure: Figure | null;
  notComputable: { fr: string; en: string } | null;
};
export type PivotAnswer = { rows: Member[]; columns: Member[]; cells: Cell[] };

/** The grid: a header row, one row per member and the total row, each cell's text. */
export type PivotGrid = {
  header: string[];
  rows: { header: string; cells: string[]; total: boolean }[];
  /** Per cell, the value when it is an exact number (the workbook writes it as a number). */
  exact: (number | null)[][];
};

export function pivotGrid(
  answer: PivotAnswer,
  locale: Locale,
  words: { rows: string; total: string; notComputable: string },
  labelOf: (member: Member) => string,
): PivotGrid {
  const columnKeys: (string | null)[] = [...answer.columns.map((c) => c.code), null];
  const rowKeys: (string | null)[] = [...answer.rows.map((r) => r.code), null];
  const find = (row: string | null, column: string | null) =>
    answer.cells.find((c) => c.row === row && c.column === column);
  const text = (c: Cell | undefined) =>
    !c ? '' : c.figure ? formatFigure(c.figure, locale) : words.notComputable;
  const exactOf = (c: Cell | undefined) =>
    c?.figure && c.figure.qualifier === 'exact' && !c.figure.atLeast && !c.figure.bounds
      ? c.figure.value
      : null;
  const rows = rowKeys.map((row) => {
    const member = answer.rows.find((r) => r.code === row);
    return {
      header: member ? labelOf(member) : words.total,
      cells: columnKeys.map((column) => text(find(row, column))),
      total: row === null,
    };
  });
  return {
    header: [words.rows, ...answer.columns.map(labelOf), words.total],
    rows,
    exact: rowKeys.map((row) => columnKeys.map((column) => exactOf(find(row, column)))),
  };
}

/** RFC 4180 CSV (CRLF, quotes doubled), with a BOM so a spreadsheet reads it as UTF-8. */
export function pivotCsv(grid: PivotGrid): string {
  const quote = (s: string) => (/[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [grid.header, ...grid.rows.map((r) => [r.header, ...r.cells])].map((l) =>
    l.map(quote).join(','),
  );
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
