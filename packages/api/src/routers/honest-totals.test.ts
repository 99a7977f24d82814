import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, formatFigure } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

describe.each(kinds)('honest totals through the API on %s', (kind) => {
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

  it('leaves the women of 2023-Q2 open above: « au moins 179 (13 activités sans décompte) »', async () => {
    const summary = await caller.dashboard.summary({ period: '2023-Q2' });
    const figures = await caller.bulletin.figures({ period: '2023-Q2' });
    for (const women of [summary.figures.women, figures.totals.women]) {
      expect(women).toEqual({
        value: 179,
        qualifier: 'at-least',
        atLeast: true,
        bounds: { lower: 179, upper: null },
        uncounted: 13,
      });
      expect(formatFigure(women, 'fr')).toBe('au moins 179 (13 activités sans décompte)');
      expect(formatFigure(women, 'en')).toBe('at least 179 (13 activities not counted)');
    }
    // The grand total is about its value AND open above: both qualifiers.
    expect(figures.totals.participants).toMatchObject({
      qualifier: 'approximate',
      atLeast: true,
      uncounted: 13,
    });
    expect(formatFigure(figures.totals.participants, 'fr')).toMatch(
      /^au moins environ \d+ \(13 activités sans décompte\)$/,
    );
    // Every part: an uncounted activity never leaves a closed upper bound.
    for (const p of [figures.totals, ...figures.programmes]) {
      for (const f of [p.participants, p.women, p.youth]) {
        expect(f.atLeast).toBe(f.uncounted > 0 || f.qualifier === 'at-least');
        if (f.uncounted > 0) expect(f.bounds?.upper ?? null).toBeNull();
      }
    }
    const fps = must(
      figures.programmes.find((p) => p.code === 'FPS'),
      "figures.programmes.find((p) => p.code === 'FPS')",
    );
    expect(fps.women).toMatchObject({
      value: 97,
      atLeast: true,
      bounds: { lower: 97, upper: null },
    });
    expect(fps.women.uncounted).toBeGreaterThan(0);
  });

  it('gives indicator values their figure, and an open actual an at-least achievement', async () => {
    const summary = await caller.dashboard.summary({ period: '2023-Q2' });
    for (const v of summary.indicators) {
      if (!v.value) {
        expect(v.figure).toBeNull();
        continue;
      }
      expect(v.figure).toMatchObject({ value: v.value.value, qualifier: v.value.qualifier });
      if ((v.value.uncounted ?? 0) > 0) expect(v.figure?.atLeast).toBe(true);
      expect(v.achievementAtLeast).toBe(
        v.achievement !== null &&
          must(v.figure, 'v.figure').atLeast &&
          (v.target ?? 0) > 0 &&
          v.indicator.direction !== 'lower-is-better',
      );
    }
    expect(summary.indicators.some((v) => v.achievementAtLeast)).toBe(true);
  });

  it('keeps the « au moins » and the uncounted activities of an open input in a formula indicator', async () => {
    const summary = await caller.dashboard.summary({ period: '2023-Q2' });
    const open = must(
      summary.indicators.find(
        (v) => v.figure?.atLeast && (v.figure.uncounted ?? 0) > 0 && v.indicator.unit === 'number',
      ),
      'summary.indicators.find( (v) => v.figure?.atLeast && (v.figure.unco...',
    );
    expect(open).toBeDefined();
    const twice = await caller.indicator.create({
      code: `${open.indicator.code}-X2`.replace(/[^A-Za-z0-9-]/g, '-'),
      title: 'Deux fois',
      titleEn: 'Twice',
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: open.indicator.cumulative,
      source: { kind: 'formula', expression: `{${open.indicator.code}} * 2` },
    });
    const [v] = (await caller.indicator.values({ indicatorIds: [twice.id], period: '2023-Q2' }))
      .items;
    expect(must(v, 'v').figure).toMatchObject({
      value: must(open.figure, 'open.figure').value * 2,
      qualifier: must(open.figure, 'open.figure').qualifier,
      atLeast: true,
      uncounted: must(open.figure, 'open.figure').uncounted,
    });
    expect(formatFigure(must(must(v, 'v').figure, 'v!.figure'), 'fr')).toMatch(
      /^au moins .*activités? sans décompte\)$/,
    );
  });

  it('never fails a period for a record the entry accepted (« environ 50 dont 60 femmes »)', async () => {
    const programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'CCS-C'),
      "(await caller.programme.list()).items.find((p) => p.code === 'CCS-C')",
    ).id;
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((g) => g.code === 'PROSMED-C...",
    );
    const { activity, issues } = await caller.activity.create({
      programmeId,
      title: 'Session CCS-C à Mopti',
      type: 'training',
      startDate: '2023-08-10',
      endDate: '2023-08-10',
      grantIds: [grant.id],
      participants: {
        total: { value: 50, qualifier: 'approximate' },
        cells: [{ key: { sex: 'female' }, value: 60, qualifier: 'exact' }],
      },
    });
    expect(issues.map((i) => i.severity)).toContain('warning');
    for (const period of ['2023-Q3', '2023']) {
      const figures = await caller.bulletin.figures({ period });
      const summary = await caller.dashboard.summary({ period });
      const ccsc = must(
        figures.programmes.find((p) => p.code === 'CCS-C'),
        "figures.programmes.find((p) => p.code === 'CCS-C')",
      );
      expect(ccsc.women.value).toBeGreaterThanOrEqual(60);
      // The approximate total was widened to its 60 counted women.
      expect(ccsc.participants.value).toBeGreaterThanOrEqual(ccsc.women.value);
      expect(summary.figures.women.value).toBe(figures.totals.women.value);
      expect(
        summary.indicators.filter((v) => v.notComputable?.reason === 'inconsistent-data'),
      ).toEqual([]);
    }
    // The doubtful record is a data-quality finding of the report, not a failure.
    const { model } = await caller.report.model({ grant: 'PROSMED-CCSC', period: '2023-Q3' });
    expect(
      model.dataQuality.filter((f) => f.activityId === activity.code && f.severity === 'warning'),
    ).not.toEqual([]);
  });
});
