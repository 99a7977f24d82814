import { error } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { pivotCsv, readPivotQuery, type PivotGrid } from '$lib/pivot';
import { loadPivot } from '$lib/server/pivot';
import { createApiClient } from '$lib/server/trpc';
import type { RequestHandler } from './$types';

/**
 * The pivot table as a file: `format=csv` (UTF-8 with a BOM) or `format=xlsx`. The texts are the
 * page's (« au moins 179 (13 activités sans décompte) », `56–97`); the workbook writes an exact
 * value as a number and keeps every other one as its text, so no qualifier is lost.
 */
export const GET: RequestHandler = async ({ url, fetch }) => {
  const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  const query = readPivotQuery(url.searchParams, DEFAULT_PERIOD);
  const locale = getLocale();
  const result = await loadPivot(createApiClient(fetch, { locale }), query, locale);
  if (!result.ok) error(result.error.code === 'BAD_REQUEST' ? 400 : 502, result.error.detail ?? '');
  const name = `pivot_${query.measure}_${query.rows}${query.columns ? `_${query.columns}` : ''}_${query.period}`;
  if (format === 'csv')
    return new Response(pivotCsv(result.grid), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      },
    });
  return new Response(await pivotXlsx(result.grid), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}.xlsx"`,
    },
  });
};

async function pivotXlsx(grid: PivotGrid): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pivot');
  ws.addRow(grid.header).font = { bold: true };
  grid.rows.forEach((r, i) => {
    const row = ws.addRow([r.header, ...r.cells.map((text, j) => grid.exact[i]?.[j] ?? text)]);
    if (r.total) row.font = { bold: true };
  });
  ws.getColumn(1).width = 32;
  for (let c = 2; c <= grid.header.length; c++) ws.getColumn(c).width = 24;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
