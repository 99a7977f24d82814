import { describe, expect, it } from 'vitest';
import { buildFixtureModel } from './fixture/fixture-model';
import { renderIati } from './iati/render-iati';
import { iatiModeFor, renderReportFile } from './render-report-file';
import { getTemplate } from './template/built-in-templates';
import type { ReportTemplate } from './template/template-schema';
import { renderWorkbook } from './xlsx/render-workbook';

const template = (id: string): ReportTemplate => {
  const t = getTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};

describe('renderReportFile: model + template + format → the file', () => {
  it('streams the same workbook bytes renderWorkbook gives, under the download name', async () => {
    const undp = template('undp-quarterly');
    const model = buildFixtureModel({ grant: 'prosmed', template: undp });
    const file = renderReportFile({ model, template: undp, format: 'xlsx', locale: 'en' });
    const [chunks, rendered] = await Promise.all([file.body.toArray(), file.rendered]);
    expect(rendered.ok).toBe(true);
    const direct = await renderWorkbook(model, undp, { locale: 'en' });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(Buffer.concat(chunks as Buffer[]).equals(direct.value.buffer!)).toBe(true);
    expect(file.fileName).toBe(
      `${model.grant.code}_${model.reportingPeriod}_undp-quarterly_en.xlsx`,
    );
    expect(
      renderReportFile({ model, template: undp, format: 'xlsx', submitted: true }).fileName,
    ).toMatch(/_fr_soumis\.xlsx$/);
  });

  it('ends a dropped download quietly: write-failed, nothing thrown', async () => {
    const undp = template('undp-quarterly');
    const model = buildFixtureModel({ grant: 'prosmed', template: undp });
    const file = renderReportFile({ model, template: undp, format: 'xlsx' });
    file.body.once('data', () => file.body.destroy());
    file.body.on('error', () => {});
    const rendered = await file.rendered;
    expect(file.body.destroyed).toBe(true);
    // Dropped at the first chunk, long before the last sheet: settled, not left hanging.
    expect(rendered).toMatchObject({ ok: false, error: { code: 'write-failed' } });
  });

  it('picks the IATI mode from the template, unless asked', async () => {
    const nl = template('nl-mfa');
    const undp = template('undp-quarterly');
    expect(iatiModeFor(nl)).toBe('indicator-per-breakdown');
    expect(iatiModeFor(undp)).toBe('dimension');
    expect(iatiModeFor(nl, 'dimension')).toBe('dimension');
    const model = buildFixtureModel({ grant: 'just-future', template: nl });
    const file = renderReportFile({ model, template: nl, format: 'iati' });
    const xml = Buffer.concat((await file.body.toArray()) as Buffer[]).toString('utf8');
    expect(xml).toBe(
      renderIati(model, { breakdowns: 'indicator-per-breakdown', zeroMissingBaseline: true }),
    );
    expect(file.contentType).toMatch(/^application\/xml/);
    expect(file.fileName).toMatch(/_iati\.xml$/);
  });
});
