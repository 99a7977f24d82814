import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

type Caller = ReturnType<typeof createCaller>;
type CreateInput = Parameters<Caller['indicator']['create']>[0];

const fields = (code: string, over: Partial<CreateInput> = {}) => ({
  title: `Indicateur ${code}`,
  titleEn: `Indicator ${code}`,
  unit: 'number' as const,
  direction: 'higher-is-better' as const,
  timeRule: 'sum' as const,
  cumulative: false,
  source: { kind: 'activities', measure: 'count' } as CreateInput['source'],
  ...over,
});
const formula = (expression: string) => ({
  source: { kind: 'formula', expression } as CreateInput['source'],
});

describe.each(kinds)('two formulas written to name each other, on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: Caller;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'org').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  });
  afterAll(async () => handle?.close());

  it('one after the other: the second is refused in the engine’s words, naming the loop', async () => {
    const a = await caller.indicator.create({ code: 'BOUCLE-A', ...fields('BOUCLE-A') });
    const b = await caller.indicator.create({ code: 'BOUCLE-B', ...fields('BOUCLE-B') });
    await caller.indicator.update({ id: a.id, ...fields('BOUCLE-A', formula('{BOUCLE-B} + 1')) });
    const refused = await caller.indicator
      .update({ id: b.id, ...fields('BOUCLE-B', formula('{BOUCLE-A} * 2')) })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect((refused as TRPCError).message).toContain('Les formules tournent en rond');
    const stored = (await caller.indicator.list()).items.find((i) => i.code === 'BOUCLE-B');
    expect(stored?.source.kind).toBe('activities');
  });

  it.runIf(kind === 'postgres')(
    'saved at the same moment: exactly one is kept, the other refused with the loop it would close',
    async () => {
      for (let round = 0; round < 10; round++) {
        const [x, y] = [`RACE-X-${round}`, `RACE-Y-${round}`];
        const first = await caller.indicator.create({ code: x, ...fields(x) });
        const second = await caller.indicator.create({ code: y, ...fields(y) });
        const pair = [
          caller.indicator.update({ id: first.id, ...fields(x, formula(`{${y}} + 1`)) }),
          caller.indicator.update({ id: second.id, ...fields(y, formula(`{${x}} - 1`)) }),
        ];
        const results = await Promise.allSettled(pair);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses, `round ${round}`).toEqual(['fulfilled', 'rejected']);
        const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult)
          .reason as TRPCError;
        expect(reason.code).toBe('BAD_REQUEST');
        expect(reason.message).toContain('Les formules tournent en rond');
        const kept = (await caller.indicator.list()).items.filter((i) => [x, y].includes(i.code));
        expect(kept.filter((i) => i.source.kind === 'formula')).toHaveLength(1);
      }
    },
  );
});
