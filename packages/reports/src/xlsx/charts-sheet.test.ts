import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { must, type Locale } from '@jalon/domain';
import { buildFixtureModel } from '../fixture/fixture-model';
import { actualFigure } from '../model/results';
import { getTemplate } from '../template/built-in-templates';
import { parseTemplate } from '../template/parse-template';
import type { ReportTemplate } from '../template/template-schema';
import { readIndependently } from '../test-support/read-back';
import { CHART_DRAWN } from './charts-sheet';
import { renderWorkbook } from './render-workbook';
import { TITLE_ROWS } from './sheet-frame';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel of an 8-bit PNG by colour type (grey, RGB, palette, grey + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Reads a PNG as a decoder would: the signature, the IHDR's size, every chunk's length up to IEND,
 * and the IDAT data inflated to exactly one filter byte (0–4) and `width × channels` bytes per row.
 */
function decodePng(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colour] = [png[24], png[25]];
  expect(depth).toBe(8);
  const channels = must(CHANNELS[colour ?? -1], `colour type ${colour}`);
  const idat: Buffer[] = [];
  let at = 8;
  let end = false;
  while (at < png.length && !end) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    end = type === 'IEND';
    at += 12 + length;
  }
  expect(end).toBe(true);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * channels;
  expect(raw.length).toBe(height * stride);
  for (let row = 0; row < height; row++) expect(raw[row * stride]).toBeLessThanOrEqual(4);
  return { width, height };
}

function withoutCharts(template: ReportTemplate): ReportTemplate {
  const parsed = parseTemplate({
    ...template,
    sheets: template.sheets.filter((s) => s.kind !== 'charts'),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

async function render(template: ReportTemplate, locale: Locale) {
  const model = buildFixtureModel({ grant: 'prosmed', template });
  const result = await renderWorkbook(model, template, { locale });
  if (!result.ok) throw new Error(result.error.message);
  const buffer = must(result.value.buffer, 'bytes');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return { model, buffer, wb };
}

/** Every cell's value of every sheet but `skip`, as exceljs reads it back. */
function cellsOf(wb: ExcelJS.Workbook, skip: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const ws of wb.worksheets) {
    if (ws.name === skip) continue;
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => rows.push([n, row.values]));
    out[ws.name] = rows;
  }
  return out;
}

describe.each([
  ['fr', 'Graphiques'],
  ['en', 'Charts'],
] as const)('the generic workbook’s chart sheet (%s)', (locale, name) => {
  it('holds one PNG chart per numeric indicator beside its figures, and leaves the other sheets as they were', async () => {
    const template = must(getTemplate('generic'), 'generic template');
    const { model, buffer, wb } = await render(template, locale);
    const ws = must(wb.getWorksheet(name), `sheet ${name}`);
    const numeric = model.indicators.filter((i) => i.unit !== 'qualitative');
    expect(numeric.length).toBeGreaterThan(1);
    const images = ws.getImages();
    expect(images).toHaveLength(numeric.length);
    const quarters = model.periods.filter((p) => p.roles.includes('sub-period'));
    expect(quarters.length).toBe(4);

    images.forEach((image, k) => {
      const ind = must(numeric[k], 'indicator');
      const medium = wb.getImage(Number(image.imageId));
      expect(medium.extension).toBe('png');
      const png = Buffer.from(must(medium.buffer, 'image bytes') as unknown as Uint8Array);
      expect(decodePng(png)).toEqual(CHART_DRAWN);
      // Anchored to the right of the figures, on the indicator's title row.
      expect(image.range.tl.nativeCol).toBe(5);
      const top = image.range.tl.nativeRow + 1;
      expect(ws.getRow(top).getCell(1).value).toBe(`${ind.code} — ${ind.title[locale]}`);
      quarters.forEach((q, i) => {
        const row = ws.getRow(top + 2 + i);
        const v = ind.values.find((x) => x.period === q.code);
        expect(row.getCell(1).value).toBe(q.label[locale]);
        expect(row.getCell(2).value ?? null).toBe(v && actualFigure(v) ? v.actual?.value : null);
        expect(row.getCell(3).value ?? null).toBe(v?.target ?? null);
        expect(row.getCell(4).value ?? null).toBe(ind.baseline?.value ?? null);
      });
    });
    expect(ws.getRow(TITLE_ROWS + 1).getCell(1).value).toMatch(/\S/);

    // A second reader opens the file; every other sheet reads as without the chart sheet.
    expect(readIndependently(buffer).sheetNames).toContain(name);
    const plain = await render(withoutCharts(template), locale);
    expect(cellsOf(wb, name)).toEqual(cellsOf(plain.wb, name));
  });
});
