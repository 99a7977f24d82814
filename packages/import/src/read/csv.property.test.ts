import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';

const HEADERS = ['Identifiant', 'Titre', 'Lieux'];

/** A field as a spreadsheet writes it: quoted when it holds the delimiter, a quote or a line break. */
function field(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

const text = fc
  .string({
    unit: fc.constantFrom('a', 'é', 'Z', '1', ' ', ';', ',', '\t', '"', '\n', '’', '\u202f'),
    maxLength: 12,
  })
  .filter((s) => /[a-zé1Z’]/.test(s) && s.trim() === s);

describe('CSV read back (property, fixed seed)', () => {
  it('whatever the delimiter, encoding and quoting, the cells come back as written, row numbers too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252' as const),
        fc.constantFrom('\n', '\r\n'),
        (rows, delimiter, encoding, eol) => {
          const body =
            [HEADERS, ...rows]
              .map((r) => r.map((v) => field(v, delimiter)).join(delimiter))
              .join(eol) + eol;
          let bytes: Uint8Array;
          if (encoding === 'windows-1252') {
            // Every character used has a Windows-1252 byte except U+202F: keep those rows UTF-8 only.
            fc.pre(!body.includes('\u202f'));
            bytes = new Uint8Array(
              [...body].map((c) => (c === '’' ? 0x92 : c === 'é' ? 0xe9 : c.charCodeAt(0))),
            );
          } else {
            const utf8 = new TextEncoder().encode(body);
            bytes = encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]) : utf8;
          }
          const r = readCsv(bytes, {}, { headerRow: 1 });
          if (!r.ok) throw new Error(r.error.code);
          expect(r.value.source.delimiter).toBe(delimiter);
          expect(r.value.headers).toEqual(HEADERS);
          expect(r.value.rows.map((row) => HEADERS.map((h) => row.cells[h]))).toEqual(rows);
          expect(r.value.rows.map((row) => row.rowNumber)).toEqual(rows.map((_, i) => i + 2));
        },
      ),
      { seed: 1252, numRuns: 300 },
    );
  });
});
