import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  FRENCH_SPACE,
  checkConsistency,
  figureOf,
  formatFigure,
  must,
  type CountRecord,
  type Figure,
  type Locale,
} from '@jalon/domain';
import { enteredRecord } from '@jalon/domain/test-support';
import { bulletinFigures, renderIati, renderWorkbook } from '@jalon/reports';
import { statedCells } from '@jalon/reports/test-support';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

/*
 * One value, one statement, from the entry to every output. Records typed into `activity.create`
 * (the entry's own validation decides which are kept; some are activities nobody counted) for a
 * programme of their own; then, for the quarter, each of its figures — participants, women, young
 * people — is the same value with the same qualifier in `indicator.values` (the dashboard's and the
 * pages' source), `bulletin.figures`, the report preview's JSON, the workbook read back, IATI and
 * the rendered bulletin, each saying what the domain's `formatFigure` says. No period fails, an
 * activity nobody counted leaves every upper bound open, and a monthly report's columns (« à date »
 * included) hold what `indicator.values` says for the window each prints.
 */
const kinds = await testDatabaseKinds();

const GRANT = 'PROSMED-CCSC';
const QUARTER = '2023-Q3';
const MONTH = '2023-08';
const PARTS = [
  { code: 'GEN-PARTICIPANTS', where: undefined, bulletin: 'participants' },
  { code: 'GEN-FEMMES', where: { sex: 'female' }, bulletin: 'women' },
  { code: 'GEN-JEUNES', where: { age: 'youth' }, bulletin: 'youth' },
] as const;

const entry = fc.record({
  // null: an activity whose participants nobody counted.
  record: fc.oneof(
    { weight: 3, arbitrary: enteredRecord },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  month: fc.integer({ min: 7, max: 9 }),
  day: fc.integer({ min: 1, max: 28 }),
});

type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never;

/** Nothing of it is certain: the bulletin says nothing rather than « nombre inconnu femmes ». */
const nothingCertain = (f: Figure) => f.value <= 0 && (f.atLeast || f.qualifier === 'at-least');

describe.each(kinds)('one value, one statement, from the entry to every output, on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let programmeId: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    programmeId = (
      await caller.programme.create({
        code: 'GEN',
        name: 'Programme généré',
        nameEn: 'Generated programme',
      })
    ).id;
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === GRANT),
      GRANT,
    );
    const node = must(
      (await caller.indicator.list({ grantId: grant.id })).items.find((i) => i.node)?.node,
      'a node of the grant',
    );
    for (const p of PARTS) {
      const created = await caller.indicator.create({
        code: p.code,
        title: `Participations générées ${p.code}`,
        titleEn: `Generated participations ${p.code}`,
        nodeId: node.id,
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'participation',
          measure: 'participations',
          filter: { programmes: ['GEN'] },
          ...(p.where ? { where: p.where } : {}),
        },
      });
      ids.set(p.code, created.id);
      // A quarter's target, so the month's report compares « à date » with a pro-rated one.
      await caller.target.set({ indicatorId: created.id, period: QUARTER, value: 40 });
    }
  }, 300_000);
  afterAll(async () => handle?.close());

  /** Creates each entry as an officer would; the entry refuses exactly what its check calls an error. */
  async function enter(entries: Entry[]) {
    const created: { id: string; version: number; record: CountRecord | null }[] = [];
    for (const { record, month, day } of entries) {
      const date = `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const refused =
        record !== null && checkConsistency(record).some((i) => i.severity === 'error');
      const r = await caller.activity
        .create({
          programmeId,
          title: 'Formation générée',
          type: 'training',
          startDate: date,
          endDate: date,
          participants: record,
        })
        .catch((e: unknown) => {
          expect(e).toBeInstanceOf(TRPCError);
          expect((e as TRPCError).code).toBe('BAD_REQUEST');
          return null;
        });
      expect(r === null, JSON.stringify(record)).toBe(refused);
      if (r) created.push({ id: r.activity.id, version: r.activity.version, record });
    }
    return created;
  }

  it('states each figure the same way everywhere; no period fails; uncounted activities stay open', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 4 }), async (entries) => {
        const created = await enter(entries);
        try {
          const uncounted = created.filter((c) => c.record === null).length;
          const indicatorIds = PARTS.map((p) => must(ids.get(p.code), p.code));

          // Every month, the quarter and the year compute: no throw, nothing « not computable ».
          const { items } = await caller.indicator.values({
            indicatorIds,
            periods: ['2023-07', '2023-08', '2023-09', QUARTER, '2023'],
          });
          for (const v of items) expect(v.notComputable, v.period.code).toBeNull();
          for (const period of ['2023-07', '2023-08', '2023-09', '2023'])
            await caller.bulletin.figures({ period });
          await caller.dashboard.summary({ period: QUARTER });

          const figures = await caller.bulletin.figures({ period: QUARTER });
          const gen = must(
            figures.programmes.find((p) => p.code === 'GEN'),
            'GEN in bulletin.figures',
          );
          const figureOfPart = new Map<string, Figure>();
          for (const p of PARTS) {
            const v = must(
              items.find((i) => i.indicator.code === p.code && i.period.code === QUARTER),
              `${p.code} ${QUARTER}`,
            );
            const figure = must(v.figure, `${p.code} figure`);
            figureOfPart.set(p.code, figure);
            seen.add(formatFigure(figure, 'fr').replace(/\d[\d\u202f,]*/g, 'N'));
            // An activity nobody counted: open above, and said so.
            if (uncounted > 0) {
              expect(figure.atLeast, p.code).toBe(true);
              expect(figure.bounds?.upper ?? null, p.code).toBeNull();
              expect(figure.uncounted, p.code).toBe(uncounted);
            }
            // The bulletin's figures: the same value, the same qualifier.
            expect(gen[p.bulletin], p.code).toEqual(figure);
          }

          // The JSON of the report preview (what the report page prints).
          const request = { grant: GRANT, period: QUARTER, template: 'generic' };
          const preview = await caller.report.preview(request);
          const { model, template } = await caller.report.model(request);
          const xml = renderIati(model);
          for (const locale of ['fr', 'en'] as Locale[]) {
            const rendered = await renderWorkbook(model, template, { locale });
            if (!rendered.ok) throw new Error(rendered.error.message);
            const buffer = must(rendered.value.buffer, 'workbook');
            for (const p of PARTS) {
              const figure = must(figureOfPart.get(p.code), p.code);
              const reference = formatFigure(figure, locale);
              const json = must(
                preview.indicators
                  .find((i) => i.code === p.code)
                  ?.values.find((x) => x.period === QUARTER),
                `${p.code} in the preview`,
              );
              expect(json.actualStated?.[locale], p.code).toBe(reference);
              expect(json.uncounted).toBe(figure.uncounted);
              // The workbook, read back: every actual cell of the quarter shows the same words.
              const cells = (await statedCells(buffer, model, template, locale, p.code)).filter(
                (c) => c.measure === 'actual' && c.period === QUARTER,
              );
              expect(cells.length, p.code).toBeGreaterThan(0);
              for (const c of cells) expect(c.shown, `${p.code} ${c.sheet}`).toBe(reference);
              // IATI: the figure in words in the actual's comment, whenever it is not plain.
              const plain =
                figure.qualifier === 'exact' && !figure.atLeast && figure.uncounted === 0;
              if (!plain)
                expect(xml, p.code).toContain(
                  escape(
                    locale === 'fr'
                      ? `Réalisé${FRENCH_SPACE}: ${reference}`
                      : `Actual: ${reference}`,
                  ),
                );
            }
          }

          // The rendered bulletin: the programme's trainings, in the same words.
          const bulletin = await caller.report.bulletin({ period: QUARTER });
          for (const locale of ['fr', 'en'] as Locale[]) {
            const said = bulletinFigures(bulletin, locale)
              .programmes.filter((p) => p.code === 'GEN')
              .flatMap((p) => p.sentences)
              .join(' ');
            const total = must(figureOfPart.get('GEN-PARTICIPANTS'), 'participants');
            // Nothing certain at all (nobody counted): the bulletin says nothing, never « 0 ».
            if (nothingCertain(total)) {
              expect(said).not.toMatch(/participants/);
              continue;
            }
            expect(said).toContain(
              `${formatFigure(total, locale, { uncounted: false })} participants`,
            );
            for (const [code, label] of [
              ['GEN-FEMMES', locale === 'fr' ? 'femmes' : 'women'],
              ['GEN-JEUNES', locale === 'fr' ? 'jeunes' : 'young people'],
            ] as const) {
              const f = must(figureOfPart.get(code), code);
              if (!nothingCertain(f))
                expect(said, code).toContain(
                  `${formatFigure(f, locale, { uncounted: false })} ${label}`,
                );
            }
          }

          // A monthly report: each column holds what indicator.values says for the window it
          // prints — the quarter « à date (31 août) » against its pro-rated target.
          const monthly = await caller.report.model({
            grant: GRANT,
            period: MONTH,
            template: 'generic',
          });
          const rp = must(
            monthly.model.periods.find((p) => p.code === monthly.model.reportingPeriod),
            'reporting period',
          );
          const columns = monthly.model.periods.filter(
            (p) =>
              !p.roles.includes('life-of-grant') && p.start <= rp.end && p.start >= '2023-07-01',
          );
          expect(columns.some((p) => p.asOf === '2023-08-31')).toBe(true);
          for (const p of columns) {
            // The column's own period, or the window up to the day it stops (« à date »).
            const window = p.asOf ? `${p.start}..${p.asOf}` : p.code;
            const { items: api } = await caller.indicator.values({ indicatorIds, period: window });
            for (const part of PARTS) {
              const v = must(
                monthly.model.indicators
                  .find((i) => i.code === part.code)
                  ?.values.find((x) => x.period === p.code),
                `${part.code} ${p.code}`,
              );
              const w = must(
                api.find((x) => x.indicator.code === part.code),
                `${part.code} ${window}`,
              );
              const column = v.actual
                ? formatFigure(figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 }), 'fr')
                : null;
              expect(column, `${part.code} ${p.code}`).toBe(
                w.figure ? formatFigure(w.figure, 'fr') : null,
              );
              near(v.target, w.target, 2, `${part.code} ${p.code} target`);
              near(v.achievement, w.achievement, 4, `${part.code} ${p.code} achievement`);
              expect(v.achievementAtLeast ?? false).toBe(w.achievementAtLeast);
            }
          }
        } finally {
          for (const c of created) await caller.activity.delete({ id: c.id, version: c.version });
        }
      }),
      { seed: 1820, numRuns: kind === 'pglite' ? 6 : 10, endOnFailure: true },
    );
    // The generated records reach every way a figure is said.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'plus de N',
        'entre N et N',
        'au moins environ N',
        'nombre inconnu',
        'au moins N (N activités sans décompte)',
      ]),
    );
  }, 900_000);
});

/** Both null, or equal to `digits` decimals (the API rounds what leaves it). */
function near(a: number | null | undefined, b: number | null, digits: number, what: string) {
  if (a === null || a === undefined || b === null) expect(a ?? null, what).toBe(b);
  else expect(a, what).toBeCloseTo(b, digits);
}

/** Text as it sits in XML. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
