import { describe, expect, it } from 'vitest';
import { buildFixtureModel } from './fixture/fixture-model';
import { renderIati } from './iati/render-iati';
import { iatiModeFor, renderReportFile } from './render-report-file';
import { getTemplate } from './template/built-in-templates';
import { statusRole } from './template/plan-periods';
import type { ReportTemplate } from './template/template-schema';
import { renderWorkbook } from './xlsx/render-workbook';
import { must } from '@jalon/domain';

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
    expect(
      Buffer.concat(chunks as Buffer[]).equals(must(direct.value.buffer, 'direct.value.buffer')),
    ).toBe(true);
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

  it('stops computing a workbook whose download is dropped, or whose request is aborted', async () => {
    const undp = template('undp-quarterly');
    expect(undp.sheets.some((s) => s.kind === 'activities')).toBe(true);
    const base = buildFixtureModel({ grant: 'prosmed', template: undp });
    const sample = must(base.activities[0], 'base.activities[0]');
    const total = 40_000;
    // Evidence rows whose participants are read count as computed.
    const big = () => {
      let read = 0;
      const activities = Array.from({ length: total }, (_, i) => {
        const a = { ...sample, id: `A-${i}` };
        Object.defineProperty(a, 'participants', {
          enumerable: true,
          get: () => {
            read++;
            return sample.participants;
          },
        });
        return a;
      });
      return { model: { ...base, activities }, read: () => read };
    };
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    };

    // The reader goes away after the first chunk.
    const dropped = big();
    const file = renderReportFile({ model: dropped.model, template: undp, format: 'xlsx' });
    file.body.once('data', () => file.body.destroy());
    file.body.on('error', () => {});
    expect(await file.rendered).toMatchObject({ ok: false, error: { code: 'write-failed' } });
    await settle();
    const afterDrop = dropped.read();
    await settle();
    expect(dropped.read()).toBe(afterDrop);
    expect(afterDrop).toBeLessThan(total / 2);

    // The request is aborted while the evidence is written: nothing more is computed.
    const aborted = big();
    const request = new AbortController();
    const second = renderReportFile({
      model: aborted.model,
      template: undp,
      format: 'xlsx',
      signal: request.signal,
    });
    second.body.on('error', () => {});
    second.body.resume();
    while (aborted.read() === 0) await new Promise((r) => setImmediate(r));
    request.abort();
    expect(await second.rendered).toMatchObject({ ok: false, error: { code: 'aborted' } });
    await settle();
    const afterAbort = aborted.read();
    await settle();
    expect(aborted.read()).toBe(afterAbort);
    expect(afterAbort).toBeLessThan(total / 2);
    expect(second.body.destroyed).toBe(true);

    // Aborted before it starts: not a row.
    const never = big();
    const gone = new AbortController();
    gone.abort();
    const third = renderReportFile({
      model: never.model,
      template: undp,
      format: 'xlsx',
      signal: gone.signal,
    });
    third.body.on('error', () => {});
    expect((await third.rendered).ok).toBe(false);
    await settle();
    expect(never.read()).toBe(0);
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
      renderIati(model, {
        breakdowns: 'indicator-per-breakdown',
        zeroMissingBaseline: true,
        // The template's status period, its target saying so (one rule for status).
        statusRole: statusRole(nl),
      }),
    );
    expect(file.contentType).toMatch(/^application\/xml/);
    expect(file.fileName).toMatch(/_iati\.xml$/);
  });
});
