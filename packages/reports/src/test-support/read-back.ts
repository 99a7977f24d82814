/**
 * Reading a rendered workbook back for tests, with a second reader independent of the one that
 * wrote it (exceljs): a small OOXML reader of our own. It unzips with the zip reader of
 * `@jalon/import` (node:zlib), then reads the workbook, its relationships, its shared strings and
 * each sheet's cells with a tolerant tokeniser — enough for the files exceljs writes, and nothing
 * of exceljs. Exported as `@jalon/reports/test-support` so the suites that render from the
 * database (packages/api) read files the same way as this package's own tests.
 */
import { readCentralDirectory, readZipPart } from '@jalon/import';

/** A cell as read back: a number, a string, a boolean, or empty. Error cells read as their text (`#DIV/0!`). */
export type ReadBackValue = number | string | boolean | null;

/** What the independent reader sees in a workbook: its sheet names, each sheet's rows (0-based), its print titles. */
export interface ReadBackWorkbook {
  sheetNames: string[];
  /** Rows of a sheet as arrays of cached values, 0-based (row 1 and column A are index 0); empty cells null. */
  rows: (sheet: string) => ReadBackValue[][];
  /** The rows each sheet repeats on every printed page (`'IPTT'!$4:$5`). */
  printTitles: string[];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    if (named === undefined) throw new Error(`unknown XML entity ${whole}`);
    return named;
  });
}

/** The attributes of a start tag's inside (`name="x" r:id='y'`), names with their prefix. */
function attributes(inside: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of inside.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found.set(m[1] ?? '', decodeXml(m[2] ?? m[3] ?? ''));
  return found;
}

/** An attribute whatever its namespace prefix (`r:id`, `ns1:id`), or its bare name. */
function attribute(attrs: Map<string, string>, local: string): string | undefined {
  if (attrs.has(local)) return attrs.get(local);
  for (const [k, v] of attrs) if (k.endsWith(`:${local}`)) return v;
  return undefined;
}

/** Every element `<name …>…</name>` or `<name …/>` (any namespace prefix): its attributes and raw inside. */
function elements(xml: string, name: string): { attrs: Map<string, string>; inner: string }[] {
  const re = new RegExp(
    `<(?:[\\w.-]+:)?${name}(\\s[^>]*?)?(?:\\/>|>([\\s\\S]*?)<\\/(?:[\\w.-]+:)?${name}>)`,
    'g',
  );
  return [...xml.matchAll(re)].map((m) => ({ attrs: attributes(m[1] ?? ''), inner: m[2] ?? '' }));
}

/**
 * The text of a string item (`<si>`, `<is>`): its `<t>`, or its rich-text runs' `<t>` joined;
 * phonetic runs (`<rPh>`) are not part of the text. Whitespace is kept as written: exceljs marks
 * the texts that need it with `xml:space="preserve"`, and an XML reader passes it through either way.
 */
function stringItem(inner: string): string {
  const visible = inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  return elements(visible, 't')
    .map((t) => decodeXml(t.inner))
    .join('');
}

/** A cell reference's 0-based row and column (`B3` → row 2, column 1). */
export function cellPosition(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`not a cell reference: "${ref}"`);
  let col = 0;
  for (const ch of m[1] ?? '') col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A cell's cached value from its type (`t`) and its `<v>` or `<is>`. */
function cellValue(type: string, inner: string, shared: string[]): ReadBackValue {
  if (type === 'inlineStr') {
    const is = elements(inner, 'is')[0];
    return is ? stringItem(is.inner) : null;
  }
  const v = elements(inner, 'v')[0];
  if (!v) return null;
  const text = decodeXml(v.inner);
  switch (type) {
    case 's': {
      const s = shared[Number(text)];
      if (s === undefined) throw new Error(`shared string ${text} is missing`);
      return s;
    }
    case 'str':
    case 'e':
    case 'd':
      return text;
    case 'b':
      return text.trim() === '1' || text.trim() === 'true';
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      if (Number.isNaN(n)) throw new Error(`not a number: "${text}"`);
      return n;
    }
  }
}

/** A sheet's `<sheetData>` as dense rows from A1, padded with null to its widest row. */
function sheetRows(xml: string, shared: string[]): ReadBackValue[][] {
  const data = elements(xml, 'sheetData')[0]?.inner ?? '';
  const cells: { row: number; col: number; value: ReadBackValue }[] = [];
  let row = -1;
  for (const r of elements(data, 'row')) {
    const declared = r.attrs.get('r');
    row = declared ? Number(declared) - 1 : row + 1;
    let col = -1;
    for (const c of elements(r.inner, 'c')) {
      const ref = c.attrs.get('r');
      const at = ref ? cellPosition(ref) : { row, col: col + 1 };
      col = at.col;
      cells.push({ ...at, value: cellValue(c.attrs.get('t') ?? 'n', c.inner, shared) });
    }
  }
  const height = cells.reduce((h, c) => Math.max(h, c.row + 1), 0);
  const width = cells.reduce((w, c) => Math.max(w, c.col + 1), 0);
  const rows = Array.from({ length: height }, () => Array<ReadBackValue>(width).fill(null));
  for (const c of cells) {
    const line = rows[c.row];
    if (line) line[c.col] = c.value;
  }
  return rows;
}

/** Resolves a relationship target against the part that holds it (`xl/`), or from the root (`/xl/…`). */
function resolve(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The parts of a zip by name, inflated as text. */
function unzip(buffer: Uint8Array): (name: string) => string | null {
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const directory = readCentralDirectory(bytes);
  if (!directory.ok)
    throw new Error(`not a zip: ${directory.error.detail ?? directory.error.code}`);
  const byName = new Map(directory.value.map((e) => [e.name, e]));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (name) => {
    const entry = byName.get(name);
    if (!entry) return null;
    const part = readZipPart(bytes, entry);
    if (!part) throw new Error(`cannot inflate ${name}`);
    return decoder.decode(part);
  };
}

/**
 * Opens a workbook with the independent reader.
 * @example readIndependently(buffer).rows('IPTT')[5]?.[1] // 'Nombre de sessions de formation des CCS-C'
 */
export function readIndependently(buffer: Buffer | Uint8Array): ReadBackWorkbook {
  const part = unzip(buffer);
  const required = (name: string) => {
    const xml = part(name);
    if (xml === null) throw new Error(`the workbook has no ${name}`);
    return xml;
  };
  const workbook = required('xl/workbook.xml');
  const targets = new Map(
    elements(required('xl/_rels/workbook.xml.rels'), 'Relationship').map((r) => [
      r.attrs.get('Id') ?? '',
      resolve('xl', r.attrs.get('Target') ?? ''),
    ]),
  );
  const sheets = elements(elements(workbook, 'sheets')[0]?.inner ?? '', 'sheet').map((s) => {
    const name = s.attrs.get('name') ?? '';
    const target = targets.get(attribute(s.attrs, 'id') ?? '');
    if (!target) throw new Error(`sheet "${name}" has no relationship target`);
    return { name, target };
  });
  const sharedXml = part('xl/sharedStrings.xml');
  const shared = sharedXml ? elements(sharedXml, 'si').map((si) => stringItem(si.inner)) : [];
  const cache = new Map<string, ReadBackValue[][]>();
  return {
    sheetNames: sheets.map((s) => s.name),
    rows: (sheet) => {
      const found = sheets.find((s) => s.name === sheet);
      if (!found)
        throw new Error(
          `the workbook has no sheet "${sheet}" (has ${sheets.map((s) => s.name).join(', ')})`,
        );
      const cached = cache.get(sheet) ?? sheetRows(required(found.target), shared);
      cache.set(sheet, cached);
      return cached.map((r) => [...r]);
    },
    printTitles: elements(workbook, 'definedName')
      .filter((d) => d.attrs.get('name') === '_xlnm.Print_Titles')
      .map((d) => decodeXml(d.inner)),
  };
}
