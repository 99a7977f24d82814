import type ExcelJS from 'exceljs';
import { escapeXml } from '@jalon/charts';

/** A picture to place on a sheet: PNG bytes, its top-left cell (0-based) and its size on screen in pixels. */
export type PlacedImage = {
  png: Buffer;
  col: number;
  row: number;
  width: number;
  height: number;
  /** The picture's alternative text (what a screen reader says of it). */
  description: string;
};

type WorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/** What exceljs's streaming worksheet does inside, which its types do not declare. */
type SheetWriterInternals = {
  id: number;
  _write: (xml: string) => void;
  _writeRowBreaks: () => void;
  _sheetRelsWriter: { addRelationship: (rel: { Type: string; Target: string }) => string };
};
/** The streaming workbook's archive, as {@link stampedWorkbookWriter} wraps it. */
type ZipInternals = { zip: { append: (source: string, data: { name: string }) => unknown } };

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** English Metric Units per screen pixel (96 dpi). */
const EMU_PER_PX = 9525;

/**
 * The `[Content_Types].xml` entry a workbook with drawings needs: the archive's `append` passes
 * every entry through this, and the content types get an override per drawing (exceljs's streaming
 * writer declares the PNG extension itself, from its media, but knows of no drawing).
 */
export function withDrawingTypes(
  name: string,
  source: unknown,
  drawings: readonly string[],
): unknown {
  if (name !== '[Content_Types].xml' || typeof source !== 'string' || drawings.length === 0)
    return source;
  const overrides = drawings
    .map((d) => `<Override PartName="/xl/drawings/${d}.xml" ContentType="${DRAWING_TYPE}"/>`)
    .join('');
  return source.replace('</Types>', `${overrides}</Types>`);
}

/** One picture anchored at its top-left cell, with its size (a one-cell anchor: rows and columns may be resized). */
function anchorXml(image: PlacedImage, index: number): string {
  const cx = Math.round(image.width * EMU_PER_PX);
  const cy = Math.round(image.height * EMU_PER_PX);
  const text = escapeXml(image.description);
  return (
    `<xdr:oneCellAnchor><xdr:from><xdr:col>${image.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${image.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/>` +
    `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${index + 2}" name="${text}" descr="${text}"/>` +
    `<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
    `<xdr:blipFill><a:blip r:embed="rId${index + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`
  );
}

/**
 * Places pictures on a sheet of exceljs's streaming writer, which in exceljs 4.4 writes no drawing
 * (only a background image): the PNGs become the workbook's media, a drawing part anchors each one
 * at its cell, and the sheet's `<drawing>` element is written where the schema wants it (after the
 * row breaks, before any legacy drawing). Returns the drawing's name, for the content types
 * ({@link withDrawingTypes}). Call before the sheet's `commit()`.
 */
export function placeImages(
  wb: WorkbookWriter,
  ws: ExcelJS.Worksheet,
  images: readonly PlacedImage[],
): string | null {
  if (images.length === 0) return null;
  const sheet = ws as unknown as SheetWriterInternals;
  const { zip } = wb as unknown as ZipInternals;
  const name = `drawing${sheet.id}`;
  const rels = images.map((image, i) => {
    // exceljs declares its own `Buffer` (an ArrayBuffer); the writer appends Node's as it is.
    const buffer = image.png as unknown as ArrayBuffer;
    const id = wb.addImage({ buffer, extension: 'png' });
    return `<Relationship Id="rId${i + 1}" Type="${REL_IMAGE}" Target="../media/image${id}.png"/>`;
  });
  zip.append(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"' +
      ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"' +
      ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `${images.map(anchorXml).join('')}</xdr:wsDr>`,
    { name: `xl/drawings/${name}.xml` },
  );
  zip.append(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `${rels.join('')}</Relationships>`,
    { name: `xl/drawings/_rels/${name}.xml.rels` },
  );
  const rowBreaks = sheet._writeRowBreaks.bind(sheet);
  sheet._writeRowBreaks = () => {
    rowBreaks();
    const rId = sheet._sheetRelsWriter.addRelationship({
      Type: REL_DRAWING,
      Target: `../drawings/${name}.xml`,
    });
    sheet._write(`<drawing r:id="${rId}"/>`);
  };
  return name;
}
