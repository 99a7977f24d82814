import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { labelOf, renderReportFile, renderWorkbook, type ReportTemplate } from '@jalon/reports';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

/** The header rows of an indicator sheet: the period groups, then the measures (TITLE_ROWS + 1). */
const GROUP_ROW = 4;
const FIRST_ROW = 6;

/**
 * Where each figure of an indicator sheet is: its column (1-based) for a measure of a period, laid
 * out as the template's columns say (a block per sub-period repeats its measures per period).
 */
function valueColumns(
  sheet: Extract<ReportTemplate['sheets'][number], { kind: 'indicators' }>,
  periods: readonly { code: string; roles: readonly string[] }[],
): { column: number; measure: string; period: string; whole: boolean }[] {
  const out: { column: number; measure: string; period: string; whole: boolean }[] = [];
  let column = 1;
  for (const c of sheet.columns) {
    if (c.type === 'field') column++;
    else if (c.type === 'value') {
      const p = periods.find((x) => x.roles.includes(c.period));
      if (p) out.push({ column, measure: c.measure, period: p.code, whole: c.window === 'whole' });
      column++;
    } else {
      for (const p of periods.filter((x) => x.roles.includes('sub-period')))
        for (const measure of c.measures)
          out.push({ column: column++, measure, period: p.code, whole: false });
    }
  }
  return out;
}

const numberOf = (value: ExcelJS.CellValue): number | null => {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number')
    return value.result;
  return null;
};

/**
 * One rule for status: for every demo grant and its template, the preview states the target,
 * actual, achievement and status of the period the workbook judges status on (statusRole), and
 * the workbook read back says the same, cell by cell.
 */
describe.each(kinds)('the preview and the workbook agree, on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  }, 60_000);
  afterAll(async () => handle?.close());

  it('on every status of the demo grants, for the period each template judges', async () => {
    const grants = (await caller.grant.list()).items;
    expect(grants.length).toBeGreaterThanOrEqual(6);
    const compared = { target: 0, wholeTarget: 0, actual: 0, achievement: 0, status: 0 };
    for (const grant of grants) {
      const request = {
        grant: grant.code,
        period: '2023-Q2',
        template: grant.reportTemplate ?? 'generic',
      };
      const preview = await caller.report.preview(request);
      const { model, template } = await caller.report.model(request);
      const statusPeriod = preview.statusPeriod;
      if (!statusPeriod) throw new Error(`${grant.code}: no status period`);
      expect(model.periods.find((p) => p.code === statusPeriod.code)?.roles).toContain(
        statusPeriod.role,
      );

      const rendered = await renderWorkbook(model, template, { locale: 'fr' });
      if (!rendered.ok) throw new Error(rendered.error.message);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);

      for (const sheet of template.sheets) {
        if (sheet.kind !== 'indicators') continue;
        const ws = wb.getWorksheet(sheet.name.fr);
        if (!ws) throw new Error(`${grant.code}: no sheet ${sheet.name.fr}`);
        const columns = valueColumns(sheet, model.periods).filter(
          (c) => c.period === statusPeriod.code,
        );
        // The columns found are those of the status period: their group header names it (the
        // whole period's, not cut « à date », over its whole target).
        for (const c of columns)
          expect(String(ws.getRow(GROUP_ROW).getCell(c.column).value)).toContain(
            (c.whole ? statusPeriod.wholeLabel?.fr : undefined) ?? statusPeriod.label.fr,
          );
        const codeColumn =
          sheet.columns.findIndex((c) => c.type === 'field' && c.field === 'code') + 1;
        const titleColumn =
          sheet.columns.findIndex((c) => c.type === 'field' && c.field === 'indicator') + 1;
        for (const indicator of preview.indicators) {
          const v = indicator.values.find((x) => x.period === statusPeriod.code);
          if (!v)
            throw new Error(`${grant.code} ${indicator.code}: no value for the status period`);
          let rowNumber = 0;
          ws.eachRow((row, n) => {
            if (n < FIRST_ROW) return;
            const code = codeColumn > 0 ? row.getCell(codeColumn).value : null;
            const title = titleColumn > 0 ? row.getCell(titleColumn).value : null;
            if (code === indicator.code || title === indicator.title.fr) rowNumber ||= n;
          });
          expect(rowNumber, `${grant.code} ${indicator.code}: its row`).toBeGreaterThan(0);
          const row = ws.getRow(rowNumber);
          const where = `${grant.code} ${indicator.code} ${statusPeriod.code}`;
          for (const c of columns) {
            const cell = row.getCell(c.column).value;
            if (c.measure === 'status') {
              expect(cell, `${where} status`).toBe(labelOf(template, `status.${v.status}`, 'fr'));
              compared.status++;
            } else if (c.measure === 'target' && c.whole && statusPeriod.asOf) {
              // The whole period's target beside the milestone (UNDP's annual target).
              if (v.wholeTarget === null) expect(numberOf(cell), `${where} whole`).toBeNull();
              else expect(numberOf(cell), `${where} whole`).toBeCloseTo(v.wholeTarget, 1);
              compared.wholeTarget++;
            } else if (c.measure === 'target') {
              if (v.target === null) expect(numberOf(cell), `${where} target`).toBeNull();
              else expect(numberOf(cell), `${where} target`).toBeCloseTo(v.target, 1);
              compared.target++;
            } else if (c.measure === 'actual') {
              if (v.actual === null) expect(numberOf(cell), `${where} actual`).toBeNull();
              else expect(numberOf(cell), `${where} actual`).toBeCloseTo(v.actual.value, 1);
              compared.actual++;
            } else if (c.measure === 'achievement') {
              if (v.achievement === null) expect(numberOf(cell), `${where} %`).toBeNull();
              else expect(numberOf(cell), `${where} %`).toBeCloseTo(v.achievement, 3);
              compared.achievement++;
            }
          }
        }
      }
    }
    // UNDP judges the fiscal year to date against its milestone (the target to 30 June), not
    // the quarter's; the whole year's target stands beside it.
    const undp = await caller.report.preview({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    expect(undp.statusPeriod).toMatchObject({
      code: '2023',
      role: 'fiscal-year',
      asOf: '2023-06-30',
      wholeLabel: { fr: '2023' },
    });
    expect(compared.wholeTarget).toBeGreaterThan(3);
    expect(compared.status).toBeGreaterThan(5);
    expect(compared.target).toBeGreaterThan(5);
    expect(compared.achievement).toBeGreaterThan(5);
  }, 120_000);

  it('indicator.statuses (the indicators page) states the preview’s status period, figure by figure', async () => {
    const { grants } = await caller.indicator.statuses({ period: '2023-Q2' });
    const listed = (await caller.grant.list()).items;
    let compared = 0;
    let differsFromQuarter = 0;
    for (const judged of grants) {
      const grant = must(
        listed.find((g) => g.id === judged.grant.id),
        'the judged grant',
      );
      // The grant's own template, as the page and the downloads use it.
      const preview = await caller.report.preview({ grant: grant.code, period: '2023-Q2' });
      expect(judged.template?.id, grant.code).toBe(preview.template.id);
      expect(judged.statusPeriod?.code, grant.code).toBe(preview.statusPeriod?.code);
      expect(judged.statusPeriod?.role, grant.code).toBe(preview.statusPeriod?.role);
      expect(judged.items.map((i) => i.code).sort()).toEqual(
        preview.indicators.map((i) => i.code).sort(),
      );
      const quarter = await caller.indicator.values({
        indicatorIds: judged.items.map((i) => i.indicatorId),
        period: '2023-Q2',
      });
      for (const item of judged.items) {
        const v = must(
          preview.indicators
            .find((i) => i.code === item.code)
            ?.values.find((x) => x.period === preview.statusPeriod?.code),
          `${grant.code} ${item.code}: the preview's status value`,
        );
        expect(
          {
            target: item.target,
            wholeTarget: item.wholeTarget,
            achievement: item.achievement,
            status: item.status,
            atLeast: item.achievementAtLeast,
            atMost: item.achievementAtMost,
          },
          `${grant.code} ${item.code}`,
        ).toEqual({
          target: v.target,
          wholeTarget: v.wholeTarget,
          achievement: v.achievement,
          status: v.status,
          atLeast: v.achievementAtLeast,
          atMost: v.achievementAtMost,
        });
        compared++;
        // What the page showed before: the quarter's own status, which the report does not state.
        const own = quarter.items.find((q) => q.indicator.id === item.indicatorId);
        if (own && (own.status !== item.status || own.target !== item.target)) differsFromQuarter++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    // The fault this closed: at least one indicator's quarter status is not its report's.
    expect(differsFromQuarter).toBeGreaterThan(0);
  }, 120_000);
  it('IATI publishes, on each indicator, the target the preview judges status on, saying so', async () => {
    const unescape = (x: string) =>
      x
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&apos;', "'")
        .replaceAll('&amp;', '&');
    const words = {
      'on-track': 'en bonne voie',
      watch: 'à surveiller',
      'off-track': 'en retard',
      'no-data': 'pas de données',
    } as const;
    let compared = 0;
    let expected = 0;
    let cut = 0;
    for (const grant of (await caller.grant.list()).items) {
      const request = {
        grant: grant.code,
        period: '2023-Q2',
        template: grant.reportTemplate ?? 'generic',
      };
      const preview = await caller.report.preview(request);
      const statusPeriod = must(preview.statusPeriod, `${grant.code}: the status period`);
      const { model, template } = await caller.report.model(request);
      // The file as the download and the CLI write it.
      const file = renderReportFile({ model, template, format: 'iati' });
      const chunks: Buffer[] = [];
      for await (const chunk of file.body) chunks.push(Buffer.from(chunk as Uint8Array));
      const xml = Buffer.concat(chunks).toString('utf8');
      const judged = must(
        model.periods.find((p) => p.code === statusPeriod.code),
        `${grant.code}: the status period in the model`,
      );
      if (judged.asOf) cut++;
      // Every indicator with a target to judge against is found in the file.
      expected += preview.indicators.filter(
        (i) =>
          i.unit !== 'qualitative' &&
          (i.values.find((x) => x.period === statusPeriod.code)?.target ?? null) !== null,
      ).length;
      for (const block of xml.split('<indicator ').slice(1)) {
        const title = /<title>\s*<narrative>([^<]*)<\/narrative>/.exec(block)?.[1];
        const indicator = preview.indicators.find(
          (i) => title !== undefined && i.title.fr === unescape(title),
        );
        // A breakdown's own indicator (Netherlands): its target judges nothing.
        if (!indicator) continue;
        const v = must(
          indicator.values.find((x) => x.period === statusPeriod.code),
          `${grant.code} ${indicator.code}: the preview's status value`,
        );
        const said =
          /<period>\s*<period-start iso-date="([^"]+)"\s*\/>\s*<period-end iso-date="([^"]+)"\s*\/>\s*<target value="([^"]+)">\s*<comment>([\s\S]*?)<\/comment>/.exec(
            block,
          );
        const where = `${grant.code} ${indicator.code}`;
        if (v.target === null || indicator.unit === 'qualitative') {
          expect(said, `${where}: no judged target`).toBeNull();
          continue;
        }
        const [, start, end, value, comment] = must(said, `${where}: the judged target`);
        expect(start, where).toBe(judged.start);
        // Cut « à date », the period ends, for its figures, on that day: the milestone's.
        expect(end, where).toBe(judged.asOf ?? judged.end);
        expect(Number(value), where).toBeCloseTo(v.target, 6);
        expect(unescape(comment ?? ''), where).toContain(judged.label.fr);
        expect(unescape(comment ?? ''), where).toContain(words[v.status]);
        compared++;
      }
    }
    expect(compared).toBe(expected);
    expect(compared).toBeGreaterThan(5);
    expect(cut).toBeGreaterThan(0);
  }, 120_000);
});
