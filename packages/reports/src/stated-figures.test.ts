import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRENCH_SPACE,
  checkConsistency,
  must,
  figureOf,
  formatFigure,
  participationValue,
  type CountRecord,
  type Locale,
} from '@jalon/domain';
import { enteredRecord } from '@jalon/domain/test-support';
import { partStated } from './bulletin/bulletin-figures';
import { buildFixtureModel } from './fixture/fixture-model';
import { renderIati } from './iati/render-iati';
import { escapeXml } from './iati/xml-builder';
import { reportModelSchema, type ReportModel } from './model/report-model';
import { actualOf, statedActual } from './model/results';
import { getTemplate } from './template/built-in-templates';
import type { ReportTemplate } from './template/template-schema';
import { IATI_ACTIVITIES_XSD, XMLLINT, iatiValidationAvailable } from './test-support/iati-schema';
import { statedCells } from './test-support/stated-cells';
import { renderWorkbook } from './xlsx/render-workbook';

/*
 * One value, one statement: participation the entry accepts, computed by the engine
 * (`participationValue`, with activities nobody counted), is stated by every output — the JSON
 * model read back, the workbook's number format read back with exceljs, IATI's comment, the
 * bulletin's phrase — exactly as the domain's `formatFigure` states it, which is what the pages
 * print: « entre 56 et 97 », « au moins 179 (13 activités sans décompte) », never « plus de 56 »
 * for an interval nor « plus de 0 ».
 */
const template = getTemplate('generic') as ReportTemplate;
const base = buildFixtureModel({ grant: 'prosmed', template });
const chosen = base.indicators.find(
  (i) => i.unit === 'number' && !i.cumulative && i.values.some((v) => v.actual),
);
if (!chosen) throw new Error('the fixture has no plain count indicator');
const indicator = chosen;

/** The model with the engine's value as the indicator's actual in every period. */
function withActual(
  value: Parameters<typeof actualOf>[0] & { uncounted?: number },
  model: ReportModel = base,
): ReportModel {
  const copy = structuredClone(model);
  for (const ind of copy.indicators) {
    if (ind.code !== indicator.code) continue;
    ind.values = ind.values.map((v) => {
      const { uncounted: _dropped, ...rest } = v;
      void _dropped;
      return {
        ...rest,
        actual: actualOf(value),
        ...(value.uncounted ? { uncounted: value.uncounted } : {}),
      };
    });
  }
  return copy;
}

/** The actual cells of the indicator's row that hold a value (not a formula), read back. */
async function workbookStatements(model: ReportModel, locale: Locale): Promise<string[]> {
  const rendered = await renderWorkbook(model, template, { locale });
  if (!rendered.ok) throw new Error(rendered.error.message);
  const cells = await statedCells(
    must(rendered.value.buffer, 'buffer'),
    model,
    template,
    locale,
    indicator.code,
  );
  return cells.filter((c) => c.measure === 'actual').map((c) => c.shown);
}

const accepted = fc
  .array(enteredRecord, { minLength: 1, maxLength: 5 })
  .map((records) =>
    records.filter((r) => !checkConsistency(r).some((i) => i.severity === 'error')),
  );

describe('every output states a value as the domain does (property)', () => {
  it('the JSON, the workbook, IATI and the bulletin say what formatFigure says', async () => {
    const kinds = new Set<string>();
    const xmls: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        accepted,
        fc.nat(3),
        fc.constantFrom<Record<string, string>>({ sex: 'female' }, { age: 'youth' }, {}),
        fc.constantFrom<Locale>('fr', 'en'),
        async (records: CountRecord[], uncounted, where, locale) => {
          const part = participationValue(
            { measure: 'participations', records, unknownActivities: uncounted },
            where,
            { breakdown: [], dimensions: base.dimensions },
            indicator.code,
          );
          if (!part.ok) return;
          const figure = figureOf(part.value);
          const reference = formatFigure(figure, locale);
          const interval =
            figure.bounds?.upper !== undefined &&
            figure.bounds.upper !== null &&
            figure.bounds.upper !== figure.bounds.lower;
          kinds.add(
            figure.uncounted > 0
              ? 'uncounted'
              : interval
                ? 'interval'
                : figure.qualifier === 'at-least' && !figure.bounds
                  ? 'plus de'
                  : figure.atLeast
                    ? 'open'
                    : figure.qualifier,
          );
          expect(reference).not.toMatch(/\b(plus de|more than|au moins|at least) 0(?![\d,.])/);
          const model = withActual(part.value);

          // JSON: the model as stored and served, read back through its schema.
          const back = reportModelSchema.parse(JSON.parse(JSON.stringify(model)));
          for (const v of back.indicators.find((i) => i.code === indicator.code)?.values ?? [])
            expect(statedActual(v, locale)).toBe(reference);

          // The workbook, read back: each actual cell shows the same words around its number.
          const cells = await workbookStatements(model, locale);
          expect(cells.length).toBeGreaterThan(0);
          for (const shown of cells) expect(shown).toBe(reference);

          // IATI: the value attribute is the certain part; the comment states the figure.
          const xml = renderIati(model);
          expect(xml).toContain(`<actual value="${part.value.value}"`);
          const plain = figure.qualifier === 'exact' && !figure.atLeast && figure.uncounted === 0;
          if (!plain) {
            expect(xml).toContain(
              escapeXml(`Réalisé${FRENCH_SPACE}: ${formatFigure(figure, 'fr')}`),
            );
            expect(xml).toContain(escapeXml(`Actual: ${formatFigure(figure, 'en')}`));
          }
          if (xmls.length < 4 && !plain) xmls.push(xml);

          // The bulletin's phrase for the same activities' part (a total is its own sentence).
          if (Object.keys(where).length > 0) {
            const stated = partStated(records, uncounted, where, base, locale);
            const nothingCertain =
              figure.value <= 0 && (figure.atLeast || figure.qualifier === 'at-least');
            expect(stated).toBe(
              nothingCertain ? null : formatFigure(figure, locale, { uncounted: false }),
            );
          }
        },
      ),
      { seed: 1803, numRuns: 60 },
    );
    // The generator reaches every kind of value the outputs must say differently.
    expect([...kinds]).toEqual(
      expect.arrayContaining(['approximate', 'exact', 'interval', 'plus de', 'uncounted']),
    );
    // The IATI files with stated figures are valid IATI 2.03.
    if (iatiValidationAvailable(process.env)) {
      const dir = mkdtempSync(join(tmpdir(), 'jalon-stated-'));
      xmls.forEach((xml, i) => {
        const file = join(dir, `stated-${i}.xml`);
        writeFileSync(file, xml);
        expect(() =>
          execFileSync(XMLLINT, ['--noout', '--schema', IATI_ACTIVITIES_XSD, file], {
            stdio: 'pipe',
          }),
        ).not.toThrow();
      });
      expect(xmls.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('reads the demo’s figures as the pages do: « entre 56 et 97 », « au moins 179 (13 activités sans décompte) »', async () => {
    const cases: [Parameters<typeof withActual>[0], string, string][] = [
      [
        { value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } },
        'entre 56 et 97',
        'between 56 and 97',
      ],
      [
        { value: 179, qualifier: 'at-least', bounds: { lower: 179, upper: null }, uncounted: 13 },
        'au moins 179 (13 activités sans décompte)',
        'at least 179 (13 activities not counted)',
      ],
      [
        { value: 0, qualifier: 'at-least', bounds: { lower: 0, upper: null }, uncounted: 2 },
        'nombre inconnu (2 activités sans décompte)',
        'unknown number (2 activities not counted)',
      ],
      [{ value: 325, qualifier: 'at-least' }, 'plus de 325', 'more than 325'],
      [
        { value: 657, qualifier: 'approximate', atLeast: true, uncounted: 13 },
        'au moins environ 657 (13 activités sans décompte)',
        'at least about 657 (13 activities not counted)',
      ],
    ];
    for (const [value, fr, en] of cases) {
      const model = withActual(value);
      expect(await workbookStatements(model, 'fr')).toContain(fr);
      expect(await workbookStatements(model, 'en')).toContain(en);
      const xml = renderIati(model);
      expect(xml).toContain(escapeXml(`Réalisé${FRENCH_SPACE}: ${fr}`));
      expect(xml).toContain(escapeXml(`Actual: ${en}`));
    }
  });
});
