import { PassThrough } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellPosition, decodeXml, readIndependently } from './read-back';

/** A workbook exceljs writes: shared strings, numbers, formulas with cached results, booleans, rich text, gaps. */
async function written(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const first = wb.addWorksheet('Indicateurs & cibles');
  first.getCell('A1').value = 'Code';
  first.getCell('B1').value = 'Valeur';
  first.getCell('A2').value = 'OP1.1';
  first.getCell('B2').value = 12.5;
  first.getCell('C2').value = { formula: 'B2*2', result: 25 };
  first.getCell('A3').value = 'OP1.1'; // the same shared string twice
  first.getCell('B3').value = -3;
  first.getCell('D3').value = true;
  first.getCell('E3').value = false;
  first.getCell('A4').value = {
    richText: [{ text: 'Treize ', font: { bold: true } }, { text: '(13) <sessions> & "plus"' }],
  };
  first.getCell('B5').value = { formula: 'A2&" ok"', result: 'OP1.1 ok' };
  first.getCell('C5').value = { formula: 'B2>1', result: true };
  first.getCell('D5').value = '  espacé  ';
  first.getCell('E5').value = 'l’été : « x » ü 😀';
  first.getCell('B7').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  first.getCell('C7').style = { font: { bold: true } }; // styled, yet empty
  first.pageSetup.printTitlesRow = '4:5';
  const second = wb.addWorksheet('Ventilations');
  second.getCell('C2').value = 7;
  second.pageSetup.printTitlesRow = '2:2';
  wb.addWorksheet('Vide');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip of the given parts, each stored or deflated, written by hand (no zip library). */
function zip(parts: [name: string, text: string, method: 0 | 8][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text, method] of parts) {
    const raw = Buffer.from(text, 'utf8');
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('readIndependently', () => {
  it('reads a workbook exceljs wrote: names, values, cached results, rich text, gaps', async () => {
    const x = readIndependently(await written());
    expect(x.sheetNames).toEqual(['Indicateurs & cibles', 'Ventilations', 'Vide']);
    const rows = x.rows('Indicateurs & cibles');
    expect(rows[0]).toEqual(['Code', 'Valeur', null, null, null]);
    expect(rows[1]).toEqual(['OP1.1', 12.5, 25, null, null]);
    expect(rows[2]).toEqual(['OP1.1', -3, null, true, false]);
    expect(rows[3]?.[0]).toBe('Treize (13) <sessions> & "plus"');
    expect(rows[4]).toEqual([null, 'OP1.1 ok', true, '  espacé  ', 'l’été : « x » ü 😀']);
    expect(rows[5]).toEqual([null, null, null, null, null]);
    expect(rows[6]).toEqual([null, '#DIV/0!', null, null, null]);
    expect(rows).toHaveLength(7);
    expect(x.rows('Ventilations')).toEqual([
      [null, null, null],
      [null, null, 7],
    ]);
    expect(x.rows('Vide')).toEqual([]);
    expect(x.printTitles).toEqual(
      expect.arrayContaining([`'Indicateurs & cibles'!$4:$5`, `'Ventilations'!$2:$2`]),
    );
    expect(x.printTitles).toHaveLength(2);
    expect(() => x.rows('Absente')).toThrow(/no sheet "Absente"/);
  });

  it('reads the streaming writer’s files (strings written in place, as the renderer writes them)', async () => {
    const chunks: Buffer[] = [];
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const ws = wb.addWorksheet('IPTT');
    ws.getCell('B2').value = 'Treize (13) sessions';
    ws.getCell('C2').value = { formula: 'B2&"!"', result: 'Treize (13) sessions!' };
    ws.getCell('D2').value = 4;
    ws.pageSetup.printTitlesRow = '2:2';
    ws.commit();
    await wb.commit();
    const x = readIndependently(Buffer.concat(chunks));
    expect(x.rows('IPTT')).toEqual([
      [null, null, null, null],
      [null, 'Treize (13) sessions', 'Treize (13) sessions!', 4],
    ]);
    expect(x.printTitles).toEqual([`'IPTT'!$2:$2`]);
  });

  it('gives each call its own rows, so a test cannot spoil the next read', async () => {
    const x = readIndependently(await written());
    const rows = x.rows('Ventilations');
    (rows[1] as unknown[])[2] = 'changed';
    expect(x.rows('Ventilations')[1]?.[2]).toBe(7);
  });

  it('reads stored and deflated parts, inline strings, phonetic runs, cells without references, root targets', () => {
    const file = zip([
      [
        'xl/workbook.xml',
        `<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/><sheet name='Deux' sheetId='2' r:id='rId2'/></sheets>` +
          `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'Deux'!$1:$1</definedName><definedName name="autre">'Deux'!$A$1</definedName></definedNames></workbook>`,
        8,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        `<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/a.xml"/><Relationship Id="rId2" Type="t" Target="/xl/worksheets/../worksheets/b.xml"/></Relationships>`,
        0,
      ],
      [
        'xl/sharedStrings.xml',
        `<sst><si><t xml:space="preserve"> un </t></si><si><r><t>fo</t></r><r><rPr><b/></rPr><t>rt</t></r><rPh sb="0" eb="1"><t>PHONE</t></rPh></si><si><t/></si></sst>`,
        8,
      ],
      [
        'xl/worksheets/a.xml',
        `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c t="inlineStr"><is><t>&#233;t&#xE9; &lt;&gt;&apos;&quot;</t></is></c><c><v>1e3</v></c></row><row><c t="s"><v>0</v></c><c t="s"><v>2</v></c><c t="str"><f>X</f><v>&amp;</v></c><c><f>1+1</f></c></row><row r="4"/></sheetData></worksheet>`,
        8,
      ],
      ['xl/worksheets/b.xml', `<worksheet><sheetData/></worksheet>`, 0],
    ]);
    const x = readIndependently(file);
    expect(x.sheetNames).toEqual(['A & B', 'Deux']);
    expect(x.rows('A & B')).toEqual([
      ['fort', 'été <>\'"', 1000, null],
      [' un ', '', '&', null],
    ]);
    expect(x.rows('Deux')).toEqual([]);
    expect(x.printTitles).toEqual([`'Deux'!$1:$1`]);
  });

  it('refuses what is not a workbook, clearly', () => {
    expect(() => readIndependently(Buffer.from('not a zip at all, just some text'))).toThrow(
      /not a zip/,
    );
    expect(() => readIndependently(zip([['x.txt', 'x', 0]]))).toThrow(/no xl\/workbook.xml/);
  });
});

describe('the pieces', () => {
  it('decodes entities and numeric references once, not twice', () => {
    expect(decodeXml('a &amp;lt; b &#60; &#x3C; &apos;&quot;&gt;')).toBe('a &lt; b < < \'">');
    expect(() => decodeXml('&nbsp;')).toThrow(/unknown XML entity/);
  });

  it('turns references into 0-based rows and columns', () => {
    expect(cellPosition('A1')).toEqual({ row: 0, col: 0 });
    expect(cellPosition('B3')).toEqual({ row: 2, col: 1 });
    expect(cellPosition('Z10')).toEqual({ row: 9, col: 25 });
    expect(cellPosition('AA1')).toEqual({ row: 0, col: 26 });
    expect(cellPosition('$XFD$1048576')).toEqual({ row: 1048575, col: 16383 });
    expect(() => cellPosition('1A')).toThrow(/not a cell reference/);
  });
});
