import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { GET } = await import('./+server');

const answer = {
  period: { kind: 'quarter', code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' },
  rows: [{ code: 'ml/mopti', label: { fr: 'Mopti', en: 'Mopti' } }],
  columns: [],
  cells: [
    {
      row: 'ml/mopti',
      column: null,
      figure: { value: 41, qualifier: 'exact', atLeast: false, bounds: null, uncounted: 0 },
      notComputable: null,
    },
    {
      row: null,
      column: null,
      figure: {
        value: 179,
        qualifier: 'at-least',
        atLeast: true,
        bounds: { lower: 179, upper: null },
        uncounted: 13,
      },
      notComputable: null,
    },
  ],
};

async function get(search: string, reply = () => ok(answer)) {
  const { fetchFn, calls } = fakeFetch(reply);
  const url = new URL(`http://web.test/tableau-croise/export${search}`);
  const res = await GET({ url, fetch: fetchFn } as unknown as Parameters<typeof GET>[0]);
  return { res, calls };
}

describe('the pivot table’s export', () => {
  it('asks pivot.query for the form’s choice and gives it as CSV', async () => {
    const { res, calls } = await get(
      '?format=csv&period=2023-Q2&measure=incidents&rows=region&columns=',
    );
    expect(calls).toEqual([
      {
        procedure: 'pivot.query',
        input: { period: '2023-Q2', rows: 'region', columns: null, measure: 'incidents' },
      },
    ]);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('pivot_incidents_region_2023-Q2.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A BOM first (a spreadsheet then reads UTF-8), which text() would drop.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(
      'Lignes,Total\r\nMopti,41\r\nTotal,au moins 179 (13 activités sans décompte)\r\n',
    );
  });

  it('gives a workbook that reads back: exact values as numbers, the others as their words', async () => {
    const { res } = await get('?format=xlsx&measure=incidents&rows=region&columns=');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Pivot');
    expect(ws?.getRow(1).values).toEqual([undefined, 'Lignes', 'Total']);
    expect(ws?.getRow(2).values).toEqual([undefined, 'Mopti', 41]);
    expect(ws?.getRow(3).values).toEqual([
      undefined,
      'Total',
      'au moins 179 (13 activités sans décompte)',
    ]);
  });

  it('answers 400 with the API’s words when the choice cannot be drawn', async () => {
    const refuse = () =>
      failure('BAD_REQUEST', 'On ne peut pas répartir les incidents par sexe.', 400);
    await expect(get('?format=csv&measure=incidents&rows=sex', refuse)).rejects.toMatchObject({
      status: 400,
      body: { message: 'On ne peut pas répartir les incidents par sexe.' },
    });
  });
});
