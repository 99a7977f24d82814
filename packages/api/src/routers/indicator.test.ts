import {
  findOrganisationByCode,
  findUserByEmail,
  loadFacts,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, computeIndicator, parsePeriod, type IndicatorDefinition } from '@jalon/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

type Caller = ReturnType<typeof createCaller>;
type CreateInput = Parameters<Caller['indicator']['create']>[0];

/** The code and message of a refused call. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('the call was not refused');
}

describe.each(kinds)('indicator.create and indicator.update on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: Caller;
  let english: Caller;
  let p11: string;
  const idOf = new Map<string, string>();

  const base = (over: Partial<CreateInput> = {}): CreateInput => ({
    code: 'TEST-IND',
    title: 'Personnes formées (CCS-C)',
    titleEn: 'People trained (CCS-C)',
    unit: 'number',
    direction: 'higher-is-better',
    timeRule: 'sum',
    cumulative: false,
    source: { kind: 'activities', measure: 'count' },
    ...over,
  });

  const valueOf = async (id: string, period = '2023-Q2') => {
    const [v] = (await caller.indicator.values({ indicatorIds: [id], period })).items;
    return must(v, 'v');
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    english = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId), locale: 'en' }),
    );
    for (const i of (await caller.indicator.list()).items) idOf.set(i.code, i.id);
    const prosmed = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((g) => g.code === 'PROSMED-C...",
    );
    p11 = must(
      (await caller.grant.byId({ id: prosmed.id })).framework.find((n) => n.code === 'P1.1'),
      '(await caller.grant.byId({ id: prosmed.id })).framework.find( (n) =...',
    ).id;
  });
  afterAll(async () => handle?.close());

  it('creates a unique-people indicator over CCS-C that indicator.values computes', async () => {
    const created = await caller.indicator.create(
      base({
        code: 'CCSC-PERSONNES',
        nodeId: p11,
        description: 'Chaque personne une fois',
        dimensions: ['sex', 'age'],
        source: {
          kind: 'participation',
          measure: 'unique-people',
          filter: { programmes: ['CCS-C'] },
        },
        sourceOfVerification: 'Listes de présence',
      }),
    );
    expect(created).toMatchObject({
      code: 'CCSC-PERSONNES',
      titleEn: 'People trained (CCS-C)',
      description: 'Chaque personne une fois',
      timeRule: 'sum',
      cumulative: false,
      dimensions: ['sex', 'age'],
      node: { id: p11, code: 'P1.1' },
      grant: { code: 'PROSMED-CCSC' },
    });
    const v = await valueOf(created.id);
    expect(v.notComputable).toBeNull();
    expect(typeof must(v.value, 'v.value').value).toBe('number');
    expect(must(v.value, 'v.value').value).toBeGreaterThan(0);
    const audit = await queryRows<{ action: string; after: { code: string } }>(
      handle.db,
      sql`select action, after from audit_log where entity = 'indicator' and entity_id = ${created.id}`,
    );
    expect(audit.map((a) => [a.action, a.after.code])).toEqual([['create', 'CCSC-PERSONNES']]);
  });

  it('creates a formula of two existing codes, computed as the ratio of their values', async () => {
    const share = await caller.indicator.create(
      base({
        code: 'TEST-PART-FEMMES',
        nodeId: p11,
        unit: 'percent',
        cumulative: true,
        source: { kind: 'formula', expression: '{CCSC-FEMMES} / {CCSC-MEMBRES} * 100' },
      }),
    );
    const [mine, seeded, women, all] = await Promise.all([
      valueOf(share.id),
      valueOf(must(idOf.get('CCSC-PART-FEMMES'), "idOf.get('CCSC-PART-FEMMES')")),
      valueOf(must(idOf.get('CCSC-FEMMES'), "idOf.get('CCSC-FEMMES')")),
      valueOf(must(idOf.get('CCSC-MEMBRES'), "idOf.get('CCSC-MEMBRES')")),
    ]);
    expect(mine.notComputable).toBeNull();
    expect(must(mine.value, 'mine.value').value).toBeCloseTo(
      (must(women.value, 'women.value').value / must(all.value, 'all.value').value) * 100,
      10,
    );
    expect(must(mine.value, 'mine.value').value).toBe(must(seeded.value, 'seeded.value').value);
  });

  it('refuses a duplicate code, an unknown node and what the engine cannot read', async () => {
    const cases: [CreateInput, string, RegExp][] = [
      [base({ code: 'CCSC-SESSIONS' }), 'CONFLICT', /CCSC-SESSIONS/],
      [base({ nodeId: '00000000-0000-4000-8000-000000000000' }), 'BAD_REQUEST', /cadre/],
      [
        base({ source: { kind: 'activities', measure: 'people' } }),
        'BAD_REQUEST',
        /source\.measure.*count, sessions/,
      ],
      [base({ source: { kind: 'magic' } }), 'BAD_REQUEST', /source\.kind/],
      [base({ unit: 'kg' }), 'BAD_REQUEST', /« unité » \(unit\)/],
      [base({ titleEn: '' }), 'BAD_REQUEST', /titleEn/],
      [base({ dimensions: ['religion'] }), 'BAD_REQUEST', /religion/],
      [
        base({
          source: { kind: 'participation', measure: 'participations', where: { sex: 'x' } },
        }),
        'BAD_REQUEST',
        /« x »/,
      ],
      [base({ timeRule: 'ratio' }), 'BAD_REQUEST', /ratio/],
      [base({ cumulative: true }), 'BAD_REQUEST', /cumulatif/],
      [
        base({ source: { kind: 'formula', expression: '{CCSC-FEMMES} / ' } }),
        'BAD_REQUEST',
        /formule ne se lit pas/,
      ],
      [
        base({ source: { kind: 'formula', expression: '{CCSC-FEMMES} / {NOPE}' } }),
        'BAD_REQUEST',
        /« NOPE »/,
      ],
      [
        base({ source: { kind: 'formula', expression: '{TEST-IND} + 1' } }),
        'BAD_REQUEST',
        /TEST-IND → TEST-IND/,
      ],
      [base({ code: 'A B' }), 'BAD_REQUEST', /code « A B » ne prend/],
      [
        base({ subPeriod: 'quarter' }),
        'BAD_REQUEST',
        /sous-période « quarter » ne vaut que pour les règles de temps « latest », « max » et « average ».*règle « sum »/,
      ],
      [
        base({ timeRule: 'latest', subPeriod: 'range' }),
        'BAD_REQUEST',
        /« sous-période » \(subPeriod\)/,
      ],
      [
        base({ timeRule: 'latest', subPeriod: 'quarter', source: { kind: 'manual' } }),
        'BAD_REQUEST',
        /saisie manuelle ou un score d’évaluation est déjà une série/,
      ],
      [
        base({ timeRule: 'max', subPeriod: 'fiscal-year' }),
        'BAD_REQUEST',
        /« fiscal-year » n’est pas prise en charge/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const r = await refusal(caller.indicator.create(input));
      expect([input.code, r.code], r.message).toEqual([input.code, code]);
      expect(r.message).toMatch(message);
    }
    const en = await refusal(english.indicator.create(base({ unit: 'kg' })));
    expect(en.message).toMatch(/^Indicator refused: invalid field: "unit" — expected one of/);
    const step = await refusal(
      english.indicator.create(base({ timeRule: 'sum', subPeriod: 'quarter' })),
    );
    expect(step.message).toMatch(
      /^Indicator refused: sub-period "quarter" only applies to the "latest", "max" and "average" time rules.*"sum" time rule, leave it out \(subPeriod\)/,
    );
    // A ratio is entered by hand with its numerator and denominator: that one is allowed.
    await caller.indicator.create(
      base({ code: 'TEST-RATIO', unit: 'percent', timeRule: 'ratio', source: { kind: 'manual' } }),
    );
    const n = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from indicator where code = 'TEST-IND'`,
    );
    expect(must(n[0], 'n[0]').n).toBe(0);
  });

  it('steps a latest indicator by its sub-period, as the engine does (not by month)', async () => {
    const source = { kind: 'activities', measure: 'count', filter: { programmes: ['CCS-C'] } };
    const quarterly = await caller.indicator.create(
      base({ code: 'TEST-NIVEAU-T', timeRule: 'latest', subPeriod: 'quarter', source }),
    );
    expect(quarterly).toMatchObject({ timeRule: 'latest', subPeriod: 'quarter' });
    expect(await caller.indicator.byId({ id: quarterly.id })).toMatchObject({
      subPeriod: 'quarter',
    });
    expect(
      (await caller.indicator.list()).items.find((i) => i.id === quarterly.id)?.subPeriod,
    ).toBe('quarter');
    // The same indicator with no sub-period steps by month, the engine's default.
    const monthly = await caller.indicator.create(
      base({ code: 'TEST-NIVEAU-M', timeRule: 'latest', source }),
    );
    expect(monthly.subPeriod).toBeNull();

    const facts = await loadFacts(handle.db, organisationId);
    const definition: IndicatorDefinition = {
      code: 'TEST-NIVEAU-T',
      title: { fr: 'Niveau', en: 'Level' },
      unit: 'number',
      direction: 'higher-is-better',
      source: { kind: 'activities', measure: 'count', filter: { programmes: ['CCS-C'] } },
      timeRule: 'latest',
      subPeriod: 'quarter',
      cumulative: false,
      dimensions: [],
    };
    const engine = (d: IndicatorDefinition, code: string) => {
      const period = parsePeriod(code);
      if (!period.ok) throw new Error(code);
      const r = computeIndicator(d, facts, period.value);
      if (!r.ok) throw new Error(r.error.message.en);
      return { value: r.value.value, qualifier: r.value.qualifier };
    };
    const read = async (id: string, code: string) => {
      const v = await valueOf(id, code);
      expect(v.notComputable, code).toBeNull();
      return {
        value: must(v.value, 'v.value').value,
        qualifier: must(v.value, 'v.value').qualifier,
      };
    };
    let differs = 0;
    for (const code of ['2023-Q2', '2023-S1', '2023']) {
      const byQuarter = engine(definition, code);
      const byMonth = engine({ ...definition, subPeriod: undefined }, code);
      expect(await read(quarterly.id, code), code).toEqual(byQuarter);
      expect(await read(monthly.id, code), code).toEqual(byMonth);
      if (byQuarter.value !== byMonth.value) differs++;
    }
    // In 2023-Q2 the quarter is one step (all its sessions) and June only the last month's.
    const q2 = engine(definition, '2023-Q2');
    expect(q2.value).toBeGreaterThan(
      engine({ ...definition, subPeriod: undefined }, '2023-Q2').value,
    );
    expect(differs).toBeGreaterThan(0);

    // A correction of the step (no period is locked): the values follow it.
    const { code: _code, ...fields } = base({ timeRule: 'latest', subPeriod: 'month', source });
    const updated = await caller.indicator.update({ id: quarterly.id, ...fields });
    expect(updated.subPeriod).toBe('month');
    expect(await read(quarterly.id, '2023-Q2')).toEqual(await read(monthly.id, '2023-Q2'));
  });

  it('updates a definition (the code stays), audited with who, before and after', async () => {
    const officer = must(
      await findUserByEmail(handle.db, 'suivi@wanep-mali.demo'),
      "(await findUserByEmail(handle.db, 'suivi@wanep-mali.demo'))",
    );
    const asOfficer = createCaller(
      createContext({
        db: handle.db,
        actor: { ...systemActor(organisationId, 'me-officer'), userId: officer.id },
      }),
    );
    const created = await asOfficer.indicator.create(base({ code: 'TEST-MAJ' }));
    const { code: _code, ...fields } = base({
      title: 'Sessions de formation CCS-C',
      titleEn: 'CCS-C training sessions',
      nodeId: p11,
      cumulative: true,
      source: { kind: 'activities', measure: 'sessions', filter: { programmes: ['CCS-C'] } },
    });
    const updated = await asOfficer.indicator.update({ id: created.id, ...fields });
    expect(updated).toMatchObject({
      id: created.id,
      code: 'TEST-MAJ',
      title: 'Sessions de formation CCS-C',
      cumulative: true,
      node: { code: 'P1.1' },
      source: { kind: 'activities', measure: 'sessions' },
    });
    const [mine, seeded] = await Promise.all([
      valueOf(created.id),
      valueOf(must(idOf.get('CCSC-SESSIONS'), "idOf.get('CCSC-SESSIONS')")),
    ]);
    expect(must(mine.value, 'mine.value').value).toBeGreaterThanOrEqual(
      must(seeded.value, 'seeded.value').value,
    );
    const audit = await queryRows<{
      user_id: string;
      before: { title: string };
      after: { title: string; source_kind?: string; sourceKind?: string };
    }>(
      handle.db,
      sql`select user_id, before, after from audit_log
           where entity = 'indicator' and entity_id = ${created.id} and action = 'update'`,
    );
    expect(audit).toHaveLength(1);
    expect(must(audit[0], 'audit[0]').user_id).toBe(officer.id);
    expect(must(audit[0], 'audit[0]').before.title).toBe('Personnes formées (CCS-C)');
    expect(must(audit[0], 'audit[0]').after.title).toBe('Sessions de formation CCS-C');
  });

  it('refuses an update that loops formulas, of an unknown id, or by a programme officer', async () => {
    const double = await caller.indicator.create(
      base({ code: 'TEST-DOUBLE', source: { kind: 'formula', expression: '{TEST-MAJ} * 2' } }),
    );
    expect(double.code).toBe('TEST-DOUBLE');
    const majId = must(
      (await caller.indicator.list()).items.find((i) => i.code === 'TEST-MAJ'),
      "(await caller.indicator.list()).items.find((i) => i.code === 'TEST-...",
    ).id;
    const { code: _code, ...loop } = base({
      source: { kind: 'formula', expression: '{TEST-DOUBLE} + 1' },
    });
    const r = await refusal(caller.indicator.update({ id: majId, ...loop }));
    expect(r.code).toBe('BAD_REQUEST');
    expect(r.message).toMatch(/TEST-MAJ → TEST-DOUBLE → TEST-MAJ/);
    expect(
      (
        await refusal(
          caller.indicator.update({ id: '00000000-0000-4000-8000-000000000000', ...loop }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    const asOfficer = createCaller(
      createContext({
        db: handle.db,
        actor: { ...systemActor(organisationId, 'programme-officer') },
      }),
    );
    expect((await refusal(asOfficer.indicator.create(base({ code: 'TEST-PO' })))).code).toBe(
      'FORBIDDEN',
    );
    // Every stored indicator still reads as the engine's definition: all values compute or say why.
    const all = (await caller.indicator.list()).items.map((i) => i.id);
    const { items } = await caller.indicator.values({ indicatorIds: all, period: '2023-Q2' });
    expect(items).toHaveLength(all.length);
  });
  it('previews the value a definition being written would have, as saving it then computes it, writing nothing', async () => {
    const source = {
      kind: 'participation',
      measure: 'participations',
      filter: { programmes: ['CCS-C'] },
      where: { sex: 'female' },
    };
    const count = async () => (await caller.indicator.list()).items.length;
    const before = await count();
    const seen = await caller.indicator.preview({
      ...base({ code: 'TEST-APERCU', nodeId: p11, source }),
      period: '2023-Q2',
    });
    expect(await count()).toBe(before);
    expect(seen.indicator.code).toBe('TEST-APERCU');
    expect(seen.value?.value).toBeGreaterThan(0);
    expect(seen.target).toBeNull();

    const created = await caller.indicator.create(
      base({ code: 'TEST-APERCU', nodeId: p11, source }),
    );
    const saved = await valueOf(created.id);
    expect(seen.value).toEqual(saved.value);
    // corrected: its own targets beside it, and the definition as being edited (the men instead)
    await caller.target.set({ indicatorId: created.id, period: '2023-Q2', value: 40 });
    const { code: _c, ...fields } = base({
      nodeId: p11,
      source: { ...source, where: { sex: 'male' } },
    });
    const edited = await caller.indicator.preview({
      ...fields,
      code: 'ignored: the stored code stays',
      id: created.id,
      period: '2023-Q2',
    });
    expect(edited.indicator.code).toBe('TEST-APERCU');
    expect(edited.target).toBe(40);
    expect(edited.value?.value).not.toBe(saved.value?.value);
    expect((await valueOf(created.id)).value).toEqual(saved.value);

    // refused in the words `create` uses: an unknown code in a formula, a code already taken
    const formula = await refusal(
      caller.indicator.preview({
        ...base({
          code: 'TEST-APERCU-F',
          source: { kind: 'formula', expression: '{TEST-APERCU} / {NULLE-PART}' },
        }),
        period: '2023-Q2',
      }),
    );
    expect(formula.code).toBe('BAD_REQUEST');
    expect(formula.message).toContain('NULLE-PART');
    const taken = await refusal(
      english.indicator.preview({ ...base({ code: 'TEST-APERCU', source }), period: '2023-Q2' }),
    );
    expect(taken.code).toBe('CONFLICT');
    expect(await count()).toBe(before + 1);
  });

  it('measures achievement by the indicator’s own rule when it names one, frozen once a report counted it', async () => {
    const created = await caller.indicator.create(
      base({
        code: 'TEST-ATTEINTE',
        nodeId: p11,
        source: { kind: 'manual' },
        achievementRule: 'progress-from-baseline',
      }),
    );
    expect(created.achievementRule).toBe('progress-from-baseline');
    await caller.manualValue.set({ indicatorId: created.id, period: '2023-Q2', value: 30 });
    await caller.target.set({ indicatorId: created.id, period: '2023-Q2', value: 50 });
    await caller.target.setBaseline({ indicatorId: created.id, value: 10, year: 2022 });
    // (30 − 10) / (50 − 10): half-way from the baseline, although 60 % of the target
    const own = await valueOf(created.id);
    expect(own).toMatchObject({ target: 50, baseline: 10, status: 'watch' });
    expect(own.achievement).toBeCloseTo(0.5, 12);

    const { code: _code, ...fields } = base({
      code: 'TEST-ATTEINTE',
      nodeId: p11,
      source: { kind: 'manual' },
    });
    const plain = await caller.indicator.update({
      id: created.id,
      ...fields,
      achievementRule: null,
    });
    expect(plain.achievementRule).toBeNull();
    expect((await valueOf(created.id)).achievement).toBeCloseTo(0.6, 12);

    // lower is better, by its own choice measured as actual / target all the same
    await caller.indicator.update({
      id: created.id,
      ...fields,
      direction: 'lower-is-better',
      achievementRule: 'actual-over-target',
    });
    expect((await valueOf(created.id)).achievement).toBeCloseTo(0.6, 12);
    await caller.indicator.update({ id: created.id, ...fields, direction: 'lower-is-better' });
    expect((await valueOf(created.id)).achievement).toBeCloseTo(50 / 30, 4);

    const wrong = await refusal(
      english.indicator.update({
        id: created.id,
        ...fields,
        achievementRule: 'half-way' as 'actual-over-target',
      }),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(wrong.message).toContain('achievementRule');

    await caller.report.submit({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    const frozen = await refusal(
      caller.indicator.update({
        id: created.id,
        ...fields,
        direction: 'lower-is-better',
        achievementRule: 'progress-from-baseline',
      }),
    );
    expect(frozen.code).toBe('PRECONDITION_FAILED');
    expect(frozen.message).toContain('règle d’atteinte');
  });
  it('keeps a place filter as chosen, frozen like the other filters once a report counted it', async () => {
    const regions = (await caller.place.list({ level: 'region', sort: 'path', limit: 2 })).items;
    const [first, second] = regions.map((r) => r.path);
    expect(first && second, 'two regions in the seed').toBeTruthy();
    const filtered = (places: string[]) =>
      base({
        code: 'TEST-LIEUX',
        nodeId: p11,
        source: { kind: 'activities', measure: 'count', filter: { places } },
      });
    const created = await caller.indicator.create(filtered([must(first, 'first')]));
    expect(created.source).toEqual({
      kind: 'activities',
      measure: 'count',
      filter: { places: [first] },
    });
    // Already submitted by the test before when run in order; submitted here otherwise.
    await caller.report
      .submit({ grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' })
      .catch(() => undefined);
    const { code: _code, ...fields } = filtered([must(first, 'first'), must(second, 'second')]);
    const frozen = await refusal(caller.indicator.update({ id: created.id, ...fields }));
    expect(frozen.code).toBe('PRECONDITION_FAILED');
    expect(frozen.message).toContain('2023-Q2');
    // The title may still change, the filter as it was.
    const { code: _same, ...kept } = filtered([must(first, 'first')]);
    const renamed = await caller.indicator.update({
      id: created.id,
      ...kept,
      title: 'Activités dans la première région',
    });
    expect(renamed.title).toBe('Activités dans la première région');
    expect(renamed.source).toEqual(created.source);
  });
});
