import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { demo, isEmpty, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from './context';
import { createCaller } from './router';
import { formatFigure, must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('routers through createCaller on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let callerEn: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    expect(await isEmpty(handle.db)).toBe(true);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    callerEn = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId), locale: 'en' }),
    );
  });
  afterAll(async () => handle?.close());

  it('programme.list returns the seven programmes and byId finds each', async () => {
    const { items } = await caller.programme.list();
    expect(items.map((p) => p.code).sort()).toEqual(demo.demoProgrammes.map((p) => p.code).sort());
    for (const p of items) expect(await caller.programme.byId({ id: p.id })).toEqual(p);
  });

  it('activity.list filters by period and programme', async () => {
    const q2 = await caller.activity.list({ period: '2023-Q2' });
    expect(q2.total).toBe(demo.demoActivities.length);
    const q3 = await caller.activity.list({ period: '2023-Q3' });
    expect(q3.total).toBe(0);
    const june = await caller.activity.list({ period: '2023-06' });
    expect(june.items.map((a) => a.code)).toEqual(['FPS-2023-06-15-GENDER-TALK']);
    const jps = await caller.activity.list({ period: '2023', programmeCode: 'JPS' });
    expect(jps.items.every((a) => a.programme.code === 'JPS')).toBe(true);
    expect(jps.total).toBe(2);
    const causerie = must(
      q2.items.find((a) => a.code === 'FPS-2023-05-09-CAUSERIE-MGF'),
      "q2.items.find((a) => a.code === 'FPS-2023-05-09-CAUSERIE-MGF')",
    );
    expect(causerie.participants?.total).toEqual({ value: 150, qualifier: 'exact' });
    expect(await caller.activity.byId({ id: causerie.id })).toEqual({
      ...causerie,
      ownSubmission: false,
    });
  });

  it('sorts activities and incidents as asked, the same set in every order', async () => {
    const byDate = (await caller.activity.list({ period: '2023-Q2' })).items;
    const newest = (await caller.activity.list({ period: '2023-Q2', sort: '-date' })).items;
    const byCode = (await caller.activity.list({ period: '2023-Q2', sort: 'code' })).items;
    const dates = byDate.map((a) => a.startDate);
    expect(dates).toEqual([...dates].sort());
    expect(newest.map((a) => a.startDate)).toEqual([...dates].sort().reverse());
    expect(byCode.map((a) => a.code)).toEqual(byCode.map((a) => a.code).sort());
    expect(new Set(newest.map((a) => a.id))).toEqual(new Set(byDate.map((a) => a.id)));
    const deadliest = (
      await caller.incident.list({ period: '2023-Q2', sort: '-deaths', limit: 500 })
    ).items.map((i) => i.deaths);
    expect(deadliest).toHaveLength(116);
    expect(deadliest).toEqual([...deadliest].sort((x, y) => y - x));
    await expect(caller.activity.list({ sort: 'random' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses bad input with a clear, translated BAD_REQUEST', async () => {
    await expect(caller.activity.list({ period: '2023-Q5' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.activity.list({ limit: -1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.activity.byId({ id: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const fr = await caller.activity.list({ period: 'hier' }).catch((e: unknown) => e);
    const en = await callerEn.activity.list({ period: 'hier' }).catch((e: unknown) => e);
    expect(fr).toBeInstanceOf(TRPCError);
    expect((fr as TRPCError).message).not.toEqual((en as TRPCError).message);
  });

  it('answers NOT_FOUND for an unknown id, in the caller language', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await expect(caller.activity.byId({ id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Activité introuvable.',
    });
    await expect(callerEn.programme.byId({ id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Programme not found.',
    });
  });

  it('never shows another organisation its data', async () => {
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    expect((await other.activity.list()).total).toBe(0);
    expect((await other.programme.list()).items).toEqual([]);
    const { items } = await caller.activity.list();
    await expect(other.activity.byId({ id: must(items[0], 'items[0]').id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const none = createCaller(createContext({ db: handle.db, actor: null }));
    await expect(none.activity.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await none.session.me()).toBeNull();
  });

  it('bulletin.figures reproduces the bulletin for 2023-Q2', async () => {
    const f = await caller.bulletin.figures({ period: '2023-Q2' });
    expect(f.period.code).toBe('2023-Q2');
    expect(f.totals).toMatchObject({ incidents: 116, deaths: 153, injuries: 236, activities: 20 });
    expect(f.totals.deliverables).toEqual({
      'weekly-report': 12,
      'monthly-bulletin': 3,
      'monthly-report': 3,
      'bimonthly-note': 1,
    });
    const by = Object.fromEntries(f.programmes.map((p) => [p.code, p]));
    // "Treize sessions … plus de 325 membres … dont 78 femmes et 117 jeunes"
    expect(must(by['CCS-C'], "by['CCS-C']").sessions).toBe(14); // 13 training sessions and the Forum de Bamako panel
    // The Forum de Bamako panel counted nobody: more than 325, with no upper limit.
    expect(must(by['CCS-C'], "by['CCS-C']").participants).toEqual({
      value: 325,
      qualifier: 'at-least',
      atLeast: true,
      bounds: null,
      uncounted: 1,
    });
    expect(must(by['CCS-C'], "by['CCS-C']").women).toMatchObject({
      value: 78,
      qualifier: 'at-least',
    });
    expect(must(by['CCS-C'], "by['CCS-C']").youth).toMatchObject({
      value: 117,
      qualifier: 'at-least',
    });
    // Just Future: 17 people of whom 4 women at the CNT lobbying; other JF activities gave no figure.
    expect(must(by['JF'], "by['JF']").women.value).toBe(4);
    expect(must(by['JF'], "by['JF']").participants).toMatchObject({
      value: 17,
      qualifier: 'at-least',
      atLeast: true,
    });
    expect(must(by['JF'], "by['JF']").participants.uncounted).toBeGreaterThan(0);
    // NEWS: 12 weekly reports and 3 monthly bulletins.
    expect(must(by['NEWS'], "by['NEWS']").deliverables).toMatchObject({
      'weekly-report': 12,
      'monthly-bulletin': 3,
    });
    // Women-peace-security: 97 women of the 150 at the causerie are certain; the approximate
    // webinar audiences are not broken down, so the total is a lower bound with honest bounds.
    expect(must(by['FPS'], "by['FPS']").women).toMatchObject({ value: 97, qualifier: 'at-least' });
    expect(must(by['FPS'], "by['FPS']").women.bounds?.lower).toBe(97);
    // …and two FPS meetings counted nobody: no upper limit at all.
    expect(must(by['FPS'], "by['FPS']").women.bounds?.upper).toBeNull();
    expect(must(by['FPS'], "by['FPS']").women).toMatchObject({ atLeast: true, uncounted: 2 });
  });

  it('bulletin.figures carries the bulletin’s programme facts and each activity’s own figures', async () => {
    const f = await caller.bulletin.figures({ period: '2023-Q2' });
    const by = Object.fromEntries(f.programmes.map((p) => [p.code, p]));
    // « opérationnel au Mali depuis 2011 », « mis en œuvre dans six (06) pays ».
    expect(by['NEWS']).toMatchObject({ sinceYear: 2011, countries: [] });
    expect(must(by['JF'], "by['JF']").countries).toEqual(['AF', 'BI', 'CD', 'ML', 'NE', 'SS']);
    // Each programme lists as many activities as it counts, and together they are the period's.
    for (const p of f.programmes) {
      expect(p.activityFigures.length, p.code).toBe(p.activities);
      expect(new Set(p.activityFigures.map((a) => a.programme)), p.code).toEqual(
        new Set(p.activities > 0 ? [p.code] : []),
      );
    }
    expect(f.programmes.reduce((n, p) => n + p.activityFigures.length, 0)).toBe(
      f.totals.activities,
    );
    // The causerie-débat: 150 participants, of whom 97 women and 109 young people, as recorded.
    const causerie = must(
      must(by['FPS'], "by['FPS']").activityFigures.find((a) =>
        a.title.startsWith('Causerie-débat'),
      ),
      "by['FPS']!.activityFigures.find((a) => a.title.startsWith('Causerie...",
    );
    expect(causerie.recorded).toEqual({ value: 150, qualifier: 'exact' });
    expect(causerie.participants).toMatchObject({ value: 150, qualifier: 'exact', atLeast: false });
    expect(causerie.women).toMatchObject({ value: 97, qualifier: 'exact', uncounted: 0 });
    expect(causerie.youth).toMatchObject({ value: 109, qualifier: 'exact', uncounted: 0 });
    // Nobody recorded people with disabilities: between none and all 150, said as such.
    expect(causerie.disabled).toMatchObject({ value: 0, bounds: { lower: 0, upper: 150 } });
    expect(formatFigure(must(causerie.disabled, 'disabled'), 'fr')).toBe('entre 0 et 150');
    // An activity nobody counted: every figure « nombre inconnu », open above, never a zero.
    const all = f.programmes.flatMap((p) => p.activityFigures);
    const uncounted = all.filter((a) => !a.recorded && a.participants?.uncounted);
    expect(uncounted.length).toBe(13);
    for (const a of uncounted)
      for (const x of [a.participants, a.women, a.youth, a.disabled]) {
        expect(x).toMatchObject({ value: 0, atLeast: true, uncounted: 1 });
        expect(formatFigure(must(x, 'x'), 'fr', { uncounted: false })).toBe('nombre inconnu');
      }
    // « environ 50 », « plus de 325 »: each activity keeps its own qualifier.
    const said = all.map((a) => formatFigure(must(a.participants, 'participants'), 'fr'));
    expect(said.some((t) => t.startsWith('environ '))).toBe(true);
    expect(said).toContain('plus de 325');
    // Each programme's figures add up from its activities': the certain parts, the activities
    // nobody counted, and an upper bound only where every activity has one.
    for (const p of f.programmes) {
      for (const part of ['participants', 'women', 'youth'] as const) {
        const own = p.activityFigures.map((a) => must(a[part], `${a.id} ${part}`));
        if (own.length === 0) continue;
        expect(
          own.reduce((n, x) => n + x.uncounted, 0),
          `${p.code} ${part}`,
        ).toBe(p[part].uncounted);
        expect(
          own.reduce((n, x) => n + (x.bounds?.lower ?? x.value), 0),
          `${p.code} ${part}`,
        ).toBe(p[part].bounds?.lower ?? p[part].value);
        expect(
          own.some((x) => x.atLeast),
          `${p.code} ${part}`,
        ).toBe(p[part].atLeast);
      }
    }
  });

  it('indicator.values computes values, targets, achievement and status for a grant', async () => {
    const { items: grants } = await caller.grant.list();
    const prosmed = must(
      grants.find((g) => g.code === 'PROSMED-CCSC'),
      "grants.find((g) => g.code === 'PROSMED-CCSC')",
    );
    expect(prosmed.donor.code).toBe('PNUD');
    const detail = await caller.grant.byId({ id: prosmed.id });
    expect(detail.framework.map((n) => n.level)).toEqual(['impact', 'outcome', 'output']);
    const { items: indicators } = await caller.indicator.list({ grantId: prosmed.id });
    const ids = Object.fromEntries(indicators.map((i) => [i.code, i.id]));
    const { items } = await caller.indicator.values({
      indicatorIds: Object.values(ids),
      period: '2023-Q2',
    });
    const v = Object.fromEntries(items.map((i) => [i.indicator.code, i]));
    expect(must(v['CCSC-SESSIONS'], "v['CCSC-SESSIONS']").value?.value).toBe(13);
    expect(must(v['CCSC-SESSIONS'], "v['CCSC-SESSIONS']").target).toBe(12);
    // Ratios leave the API to four decimals (108,33 %).
    expect(must(v['CCSC-SESSIONS'], "v['CCSC-SESSIONS']").achievement).toBe(1.0833);
    expect(must(v['CCSC-SESSIONS'], "v['CCSC-SESSIONS']").status).toBe('on-track');
    expect(must(v['CCSC-MEMBRES'], "v['CCSC-MEMBRES']").value).toMatchObject({
      value: 325,
      qualifier: 'at-least',
    });
    expect(must(v['CCSC-FEMMES'], "v['CCSC-FEMMES']").value).toMatchObject({ value: 78 });
    // The share of women is a ratio of sums: 78 / 325.
    expect(must(v['CCSC-PART-FEMMES'], "v['CCSC-PART-FEMMES']").value?.value).toBeCloseTo(
      (78 / 325) * 100,
      10,
    );
    expect(must(v['CCSC-MEMBRES'], "v['CCSC-MEMBRES']").lifeOfGrantTarget).toBe(1000);
    // Cumulative indicators read from the grant start (June 2022).
    expect(must(v['CCSC-MEMBRES'], "v['CCSC-MEMBRES']").value?.window.start).toBe('2022-06-01');
    const broken = await caller.indicator.values({
      indicatorIds: [must(ids['CCSC-MEMBRES'], "ids['CCSC-MEMBRES']")],
      period: '2023-Q2',
      breakdown: ['sex', 'age'],
    });
    const b = must(
      must(must(broken.items[0], 'broken.items[0]').value, 'broken.items[0]!.value').breakdown,
      'broken.items[0]!.value!.breakdown',
    );
    const youngWomen = must(
      b.cells.find((c) => c.key.sex === 'female' && c.key.age === 'youth'),
      "b.cells.find((c) => c.key.sex === 'female' && c.key.age === 'youth')",
    );
    expect(youngWomen.value).toBeNull();
    expect(youngWomen.bounds.lower).toBeLessThanOrEqual(78);
  });

  it('assessment.scorecard gives 86,85 % for 2022, a podium rank and the trend since 2021', async () => {
    const s = await caller.assessment.scorecard({ cycle: 2022 });
    expect(s.index).toBeCloseTo(86.85, 10);
    expect(s.rank).toBe(3);
    expect(s.peers.map((p) => p.rank)).toEqual(
      [...s.peers.map((p) => p.rank)].sort((a, b) => a - b),
    );
    expect(s.previous?.cycle).toBe(2021);
    expect(must(s.previous, 's.previous').change).toBeCloseTo(
      s.index - must(s.previous, 's.previous').index,
      10,
    );
    expect(s.domains).toHaveLength(7);
    expect(s.weakest.length).toBeGreaterThan(0);
    await expect(caller.assessment.scorecard({ cycle: 2019 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('numbers leave the API rounded: the scorecard to hundredths of a point, indicator values to their unit, ratios to four decimals', async () => {
    /** Decimals a number prints with; Infinity for exponent forms, which never should leave. */
    const decimals = (x: number) =>
      /e/.test(String(x)) ? Infinity : (String(x).split('.')[1] ?? '').length;
    /** Every number of a JSON answer with its path. */
    const numbers = (v: unknown, path = ''): [string, number][] =>
      typeof v === 'number'
        ? [[path, v]]
        : Array.isArray(v)
          ? v.flatMap((x, i) => numbers(x, `${path}[${i}]`))
          : v && typeof v === 'object'
            ? Object.entries(v).flatMap(([k, x]) => numbers(x, `${path}.${k}`))
            : [];
    const ratio = /(achievement|share)$/;
    const check = (answer: unknown) => {
      const found = numbers(answer);
      expect(found.length).toBeGreaterThan(0);
      for (const [path, x] of found)
        expect(decimals(x), `${path} = ${x}`).toBeLessThanOrEqual(ratio.test(path) ? 4 : 2);
    };
    const s = await caller.assessment.scorecard({ cycle: 2022 });
    check(s);
    expect(s.index).toBe(86.85);
    expect(must(s.previous, 's.previous').change).toBe(
      Math.round((s.index - must(s.previous, 's.previous').index) * 100) / 100,
    );
    const { items } = await caller.indicator.list();
    for (const period of ['2023-Q2', '2023', '2023-04-01..2023-05-31'])
      check(
        await caller.indicator.values({
          indicatorIds: items.map((i) => i.id).slice(0, 200),
          period,
          breakdown: ['sex', 'age'],
        }),
      );
    check(await caller.dashboard.summary({ period: '2023-Q2' }));
    check((await caller.report.preview({ grant: 'PROSMED-CCSC', period: '2023-05' })).indicators);
  });

  it('incident.summary adds up to the bulletin by month, category and region', async () => {
    for (const by of ['month', 'category', 'region'] as const) {
      const s = await caller.incident.summary({ period: '2023-Q2', by });
      expect(s.totals).toEqual({ incidents: 116, deaths: 153, injuries: 236 });
      const sum = (k: 'incidents' | 'deaths' | 'injuries') =>
        s.groups.reduce((t, g) => t + g[k], 0);
      expect(
        { incidents: sum('incidents'), deaths: sum('deaths'), injuries: sum('injuries') },
        by,
      ).toEqual(s.totals);
    }
    const months = await caller.incident.summary({ period: '2023-Q2', by: 'month' });
    expect(months.groups.map((g) => g.key)).toEqual(['2023-04', '2023-05', '2023-06']);
    const list = await caller.incident.list({ period: '2023-05', limit: 500 });
    expect(list.total).toBe(must(months.groups[1], 'months.groups[1]').incidents);
    expect(list.items.every((i) => i.date.startsWith('2023-05'))).toBe(true);
  });

  it('dashboard.summary gives the figures and every indicator status, per grant or programme', async () => {
    const all = await caller.dashboard.summary({ period: '2023-Q2' });
    expect(all.figures.activities).toBe(20);
    expect(Object.values(all.statuses).reduce((a, b) => a + b, 0)).toBe(all.indicators.length);
    const prosmed = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((g) => g.code === 'PROSMED-C...",
    );
    const one = await caller.dashboard.summary({ period: '2023-Q2', grant: prosmed.id });
    expect(one.indicators.every((i) => i.indicator.grant === 'PROSMED-CCSC')).toBe(true);
    expect(one.figures.sessions).toBe(14); // the 13 CCS-C trainings and the Forum de Bamako panel on PROSMED
    expect(one.figures.participants).toMatchObject({
      value: 325,
      qualifier: 'at-least',
      atLeast: true,
      uncounted: 1,
    });
    const ccsc = await caller.dashboard.summary({ period: '2023-Q2', programme: 'CCS-C' });
    expect(ccsc.figures.activities).toBe(2);
    await expect(
      caller.dashboard.summary({ period: '2023-Q2', programme: 'NOPE' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
