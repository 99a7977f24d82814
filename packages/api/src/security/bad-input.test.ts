import type { Database, DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { call, procedures, rolledBack, rowCounts, type Outcome } from './harness';
import { samples } from './samples';
import { buildWorld, type World } from './world';
import { must } from '@jalon/domain';

/**
 * Bad input at the API boundary, generated with fast-check (fixed seeds): every procedure, called
 * by A's administrator with its valid sample broken in one place (a wrong type, a huge string, a
 * negative or fractional count, SQL or HTML injection, an impossible date or period, NaN,
 * nested garbage…) or replaced as a whole, answers with a clear 4xx — BAD_REQUEST whenever the
 * procedure's own schema refuses the input — and never a 500; and nothing is written. Inputs the
 * schema accepts (an injection string is a valid title) may succeed: mutations run then in a
 * rolled-back transaction. Valid-shaped but wrong commands (unknown ids, stale versions, dates in
 * the wrong order, breakdowns that do not add up, periods outside a grant) are listed by hand.
 */
const kinds = await testDatabaseKinds();

const clientErrors = ['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED', 'FORBIDDEN'];

const injections = [
  "' OR '1'='1",
  "'; DROP TABLE activity; --",
  "%' UNION SELECT email, password_hash FROM app_user --",
  '"); DELETE FROM audit_log; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '\u0000',
  '\u202e\ufeff',
];
const badPeriods = [
  '2023-Q9',
  '2023-Q0',
  '2023-13',
  '2023-00',
  '2023-02-30',
  '2023-06-31',
  '0000',
  '2023-06-30..2023-04-01',
  'FY',
  'FY20x3',
  '',
  ' ',
  '2023-W99',
  '-2023',
];
const badDates = ['2023-02-29', '2023-13-01', '2023-04-31', '23-04-01', '2023/04/01', 'demain'];
const numbers = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  -0.5,
  2.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
];

/** A value wrong for (almost) any field. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, '', [], {}),
  fc.constantFrom(...numbers),
  fc.constantFrom(...injections),
  fc.constantFrom(...badPeriods, ...badDates),
  fc.constantFrom('x'.repeat(10_000), 'é'.repeat(100_001)),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.uuid(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), {
    maxLength: 3,
  }),
  fc.object({ maxDepth: 2, maxKeys: 3 }),
);

/**
 * A value of the same type as a valid one but wrong in meaning: what reaches the procedure's body
 * and the database (injection text, impossible periods, unknown or foreign ids, boundary numbers).
 */
function sameKind(original: unknown, ids: readonly string[]): fc.Arbitrary<unknown> {
  if (typeof original === 'string')
    return fc.oneof(
      fc.constantFrom(...injections, ...badPeriods, ...badDates, 'x'.repeat(39), 'LOG'),
      fc.constantFrom(...ids),
      fc.uuid(),
      fc.string({ maxLength: 40 }),
    );
  if (typeof original === 'number')
    return fc.oneof(
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(0, 1, 1990, 2100, 1_000_000, 10_000_000, 1e12, -1e12),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    );
  if (typeof original === 'boolean') return fc.boolean();
  if (Array.isArray(original))
    return fc.constantFrom([], [...original, ...original], original.slice().reverse());
  return badValue;
}

/** The paths of an input's fields, nested ones included (`participants.total.value`, `grantIds.0`). */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  return [
    ...(prefix.length ? [prefix] : []),
    ...entries.flatMap(([k, v]) => fieldPaths(v, [...prefix, k])),
  ];
}

function valueAt(base: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], base);
}

function withField(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (
    Array.isArray(base) ? [...(base as unknown[])] : { ...(base as Record<string, unknown>) }
  ) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  copy[head] = withField(copy[head], rest, value);
  return copy;
}

/** Whether the procedure's own input schema accepts the input. */
function schemaAccepts(path: string, input: unknown): boolean {
  const def = must(
    (
      appRouter._def.procedures as unknown as Record<
        string,
        { _def: { inputs: { safeParse?: (x: unknown) => { success: boolean } }[] } }
      >
    )[path],
    '( appRouter._def.procedures as unknown as Record< string, { _def: {...',
  )._def;
  return def.inputs.every((p) => !p.safeParse || p.safeParse(input).success);
}

describe.each(kinds)('bad input on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: World;
  const stats: Record<string, number> = {};
  const as = (db: Database, path: string, input: unknown) =>
    call(db, world.actors['network-admin'], path, input);
  const problem = (o: Outcome, refusedBySchema: boolean): string | null => {
    if (o.ok) return refusedBySchema ? 'accepted an input its schema refuses' : null;
    if (refusedBySchema && o.code !== 'BAD_REQUEST') return `${o.code} instead of BAD_REQUEST`;
    if (!clientErrors.includes(o.code))
      return `${o.code}: ${(o.error as Error).message} ${String((o.error as Error).cause ?? '')}`;
    return null;
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    world = await buildWorld(handle.db);
  }, 60_000);
  afterAll(async () => {
    process.stdout.write(`bad input on ${kind}: ${JSON.stringify(stats)}\n`);
    await handle?.close();
  }, 60_000);

  it.each(procedures.map((p, i) => ({ ...p, seed: 7919 * (i + 1) })))(
    '$path: generated wrong inputs get a 4xx, never a 500, and write nothing',
    async ({ path, type, seed }) => {
      const table = samples[path];
      expect(table, `${path} has no samples in security/samples.ts`).toBeDefined();
      const base = must(must(table, 'table')(world).own, 'table!(world).own').input;
      const paths = fieldPaths(base);
      const ids = [
        ...Object.values(world.b).flatMap((v) =>
          typeof v === 'string'
            ? [v]
            : Object.values(v as object).filter((x) => typeof x === 'string'),
        ),
        world.a.programmes.news,
        world.a.grants.justFuture.id,
        world.a.indicators.news,
        world.a.activities.jf.id,
        world.orgA,
        world.orgB,
      ] as string[];
      const broken = fc.oneof(
        // one field of the same type, wrong in meaning
        ...(paths.length
          ? [
              {
                weight: 2,
                arbitrary: fc
                  .constantFrom(...paths)
                  .chain((p) => sameKind(valueAt(base, p), ids).map((v) => withField(base, p, v))),
              },
            ]
          : []),
        // one field made wrong
        ...(paths.length
          ? [fc.tuple(fc.constantFrom(...paths), badValue).map(([p, v]) => withField(base, p, v))]
          : []),
        // an unknown field added
        fc
          .tuple(fc.constantFrom('__proto__x', 'organisationId', 'id', 'admin'), badValue)
          .map(([k, v]) => ({ ...(base as object), [k]: v })),
        // the whole input replaced
        badValue,
      );
      const before = await rowCounts(handle.db);
      const seen: string[] = [];
      await fc
        .assert(
          fc.asyncProperty(broken, async (input) => {
            const refused = !schemaAccepts(path, input);
            const outcome =
              type === 'mutation' && !refused
                ? await rolledBack(handle.db, (tx) => as(tx, path, input))
                : await as(handle.db, path, input);
            const p = problem(outcome, refused);
            const key = `${refused ? 'refused' : 'accepted'}:${outcome.ok ? 'ok' : outcome.code}`;
            stats[key] = (stats[key] ?? 0) + 1;
            if (p) seen.push(`${p} ← ${JSON.stringify(input)?.slice(0, 300)}`);
            return p === null;
          }),
          { seed, numRuns: 60, endOnFailure: true },
        )
        .catch(() => undefined);
      if (seen.length) throw new Error(`${path}:\n${seen.join('\n')}`);
      expect(await rowCounts(handle.db), `${path} wrote`).toEqual(before);
    },
    60_000,
  );

  const forbiddenCharacters = [
    ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => ![0x09, 0x0a, 0x0d].includes(c)),
    0xfffe,
    0xffff,
    0xd800,
    0xdfff,
  ].map((c) => String.fromCharCode(c));

  it.each(procedures.map((p, i) => ({ ...p, seed: 104_729 * (i + 1) })))(
    '$path: a character XML 1.0 forbids in any text field is refused, naming the field, in French and English',
    async ({ path, seed }) => {
      const base = must(
        must(samples[path], 'samples[path]')(world).own,
        'samples[path]!(world).own',
      ).input;
      const texts = fieldPaths(base).filter((p) => typeof valueAt(base, p) === 'string');
      // A procedure without text still gets the text of an unexpected field checked.
      const targets = texts.length ? texts : [['note']];
      const before = await rowCounts(handle.db);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...targets),
          fc.constantFrom(...forbiddenCharacters),
          fc.nat(),
          fc.constantFrom('fr' as const, 'en' as const),
          async (field, char, at, locale) => {
            const original = valueAt(base, field);
            const text = typeof original === 'string' ? original : 'texte';
            const cut = at % (text.length + 1);
            const input = withField(base ?? {}, field, text.slice(0, cut) + char + text.slice(cut));
            const outcome = await call(
              handle.db,
              world.actors['network-admin'],
              path,
              input,
              locale,
            );
            expect(outcome.ok).toBe(false);
            if (outcome.ok) return;
            expect(outcome.code).toBe('BAD_REQUEST');
            const message = (outcome.error as Error).message;
            expect(message).toContain(`${field.join('.')}`);
            expect(message).toMatch(
              locale === 'en' ? /invisible control character/ : /caractère de contrôle invisible/,
            );
          },
        ),
        { seed, numRuns: 12 },
      );
      expect(await rowCounts(handle.db), `${path} wrote`).toEqual(before);
    },
    60_000,
  );

  it('valid-shaped but wrong commands are refused with the right 4xx and write nothing', async () => {
    const w = world;
    const unknown = '00000000-0000-4000-8000-00000000dead';
    const activity = (over: Record<string, unknown> = {}) => ({
      programmeId: w.a.programmes.fps,
      title: 'Atelier de validation',
      type: 'workshop',
      startDate: '2023-06-02',
      endDate: '2023-06-02',
      ...over,
    });
    const participants = (total: number, cells: { key: object; value: number }[]) => ({
      participants: { total: { value: total, qualifier: 'exact' }, cells },
    });
    const cases: [string, unknown, string][] = [
      ['activity.create', activity({ programmeId: unknown }), 'BAD_REQUEST'],
      ['activity.create', activity({ grantIds: [unknown] }), 'BAD_REQUEST'],
      ['activity.create', activity({ placeIds: [unknown] }), 'BAD_REQUEST'],
      ['activity.create', activity({ placeIds: [w.b.place] }), 'BAD_REQUEST'],
      ['activity.create', activity({ endDate: '2023-06-01' }), 'BAD_REQUEST'],
      [
        'activity.create',
        activity({ startDate: '2023-02-29', endDate: '2023-03-01' }),
        'BAD_REQUEST',
      ],
      [
        'activity.create',
        activity(participants(40, [{ key: { sex: 'female' }, value: 41 }])),
        'BAD_REQUEST',
      ],
      [
        'activity.create',
        activity(
          participants(40, [
            { key: { sex: 'female' }, value: 30 },
            { key: { sex: 'male' }, value: 30 },
          ]),
        ),
        'BAD_REQUEST',
      ],
      [
        'activity.create',
        activity(
          participants(40, [
            { key: { sex: 'female' }, value: 10 },
            { key: { sex: 'female', age: 'youth' }, value: 12 },
          ]),
        ),
        'BAD_REQUEST',
      ],
      [
        'activity.create',
        activity(participants(40, [{ key: { sex: 'female' }, value: 2.5 }])),
        'BAD_REQUEST',
      ],
      ['activity.create', activity(participants(-3, [])), 'BAD_REQUEST'],
      ['activity.create', activity({ code: 'FPS-SECURITE-COMMUNE' }), 'CONFLICT'],
      ['activity.update', { id: unknown, version: 1, activity: activity() }, 'NOT_FOUND'],
      [
        'activity.update',
        {
          id: w.a.activities.own.id,
          version: w.a.activities.own.version + 5,
          activity: activity(),
        },
        'CONFLICT',
      ],
      [
        'activity.update',
        { ...w.a.activities.own, activity: activity({ programmeId: unknown }) },
        'BAD_REQUEST',
      ],
      ['activity.delete', { id: unknown, version: 1 }, 'NOT_FOUND'],
      ['activity.delete', { id: w.a.activities.own.id, version: 99 }, 'CONFLICT'],
      ['incident.create', { date: '2023-02-29', category: 'women-peace-security' }, 'BAD_REQUEST'],
      [
        'incident.create',
        { date: '2023-06-02', category: 'women-peace-security', placeId: w.b.place },
        'BAD_REQUEST',
      ],
      [
        'incident.create',
        { date: '2023-06-02', category: 'women-peace-security', programmeId: unknown },
        'BAD_REQUEST',
      ],
      [
        'incident.create',
        { date: '2023-06-02', category: 'women-peace-security', deaths: 1.5 },
        'BAD_REQUEST',
      ],
      [
        'incident.update',
        {
          id: unknown,
          version: 1,
          incident: { date: '2023-06-02', category: 'women-peace-security' },
        },
        'NOT_FOUND',
      ],
      ['incident.delete', { id: unknown, version: 1 }, 'NOT_FOUND'],
      ['place.delete', { id: unknown }, 'NOT_FOUND'],
      ['place.delete', { id: w.a.place }, 'CONFLICT'],
      ['place.update', { id: w.a.place, parentId: w.a.place }, 'BAD_REQUEST'],
      ['place.update', { id: w.a.place, parentId: w.a.sparePlace }, 'BAD_REQUEST'],
      ['place.update', { id: w.a.place, parentId: w.b.place }, 'BAD_REQUEST'],
      ['place.update', { id: w.a.place, parentId: null }, 'BAD_REQUEST'],
      ['place.update', { id: unknown, parentId: w.a.country }, 'NOT_FOUND'],
      ['programme.delete', { id: unknown }, 'NOT_FOUND'],
      ['programme.delete', { id: w.a.programmes.fps }, 'CONFLICT'],
      ['grant.delete', { id: unknown }, 'NOT_FOUND'],
      ['grant.delete', { id: w.a.grants.prosmed.id }, 'CONFLICT'],
      ['donor.delete', { id: unknown }, 'NOT_FOUND'],
      ['target.set', { indicatorId: unknown, period: '2023-Q3', value: 1 }, 'NOT_FOUND'],
      ['target.set', { indicatorId: w.b.indicator, period: '2023-Q3', value: 1 }, 'NOT_FOUND'],
      [
        'target.set',
        { indicatorId: w.a.indicators.prosmed, period: '2023-Q9', value: 1 },
        'BAD_REQUEST',
      ],
      [
        'target.set',
        { indicatorId: w.a.indicators.prosmed, period: '2023-06-30..2023-04-01', value: 1 },
        'BAD_REQUEST',
      ],
      ['target.remove', { id: unknown }, 'NOT_FOUND'],
      ['target.remove', { id: w.b.target }, 'NOT_FOUND'],
      ['target.setBaseline', { indicatorId: unknown, value: 1, year: 2022 }, 'NOT_FOUND'],
      [
        'target.setBaseline',
        { indicatorId: w.a.indicators.prosmed, value: 1, year: 2022, date: '2022-02-30' },
        'BAD_REQUEST',
      ],
      [
        'report.setComment',
        {
          grant: 'NO-SUCH-GRANT',
          indicatorId: w.a.indicators.prosmed,
          period: '2023-Q2',
          comment: 'x',
        },
        'NOT_FOUND',
      ],
      [
        'report.setComment',
        {
          grant: 'PROSMED-CCSC',
          indicatorId: w.a.indicators.justFuture,
          period: '2023-Q2',
          comment: 'x',
        },
        'NOT_FOUND',
      ],
      [
        'report.setComment',
        {
          grant: 'PROSMED-CCSC',
          indicatorId: w.a.indicators.prosmed,
          period: '2010-Q1',
          comment: 'x',
        },
        'BAD_REQUEST',
      ],
      [
        'report.preview',
        { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'nope' },
        'BAD_REQUEST',
      ],
      [
        'report.preview',
        { grant: 'PROSMED-CCSC', period: '2023-Q2', templateJson: '{"id": 3' },
        'BAD_REQUEST',
      ],
      ['report.model', { grant: unknown, period: '2023-Q2' }, 'NOT_FOUND'],
      ['adx.export', { grant: unknown, period: '2023-Q2' }, 'NOT_FOUND'],
      ['adx.dhis2', { grant: unknown, period: '2023-Q2' }, 'NOT_FOUND'],
      [
        'adx.setMapping',
        {
          grant: 'PROSMED-CCSC',
          version: 0,
          mapping: {
            dataSet: 'DS',
            orgUnit: 'OU',
            indicators: {},
            categories: {},
            groupAttributes: { period: 'x' },
          },
        },
        'BAD_REQUEST',
      ],
      ['dashboard.summary', { period: '2023-Q2', programme: 'NOPE' }, 'NOT_FOUND'],
      ['dashboard.summary', { period: '2023-Q2', grant: unknown }, 'NOT_FOUND'],
      ['assessment.scorecard', { cycle: 2022, framework: 'NOPE' }, 'NOT_FOUND'],
      ['assessment.scorecard', { cycle: 1990 }, 'NOT_FOUND'],
      ['indicator.values', { indicatorIds: [unknown], period: '2023-Q2' }, 'NOT_FOUND'],
      [
        'indicator.values',
        { indicatorIds: [w.a.indicators.prosmed], periods: ['2023-Q2', '2023-Q9'] },
        'BAD_REQUEST',
      ],
      ['activity.list', { period: '2023-06-30..2023-04-01' }, 'BAD_REQUEST'],
      ['incident.summary', { period: '2023-13', by: 'month' }, 'BAD_REQUEST'],
    ];
    const before = await rowCounts(handle.db);
    const wrong: string[] = [];
    for (const [path, input, code] of cases) {
      const o = await as(handle.db, path, input);
      const got = o.ok ? 'succeeded' : o.code;
      if (got !== code)
        wrong.push(
          `${path} ${JSON.stringify(input).slice(0, 200)}: ${got} instead of ${code}${o.ok ? '' : ` — ${(o.error as Error).message}`}`,
        );
    }
    if (wrong.length) throw new Error(wrong.join('\n'));
    expect(await rowCounts(handle.db)).toEqual(before);
  }, 60_000);
});
