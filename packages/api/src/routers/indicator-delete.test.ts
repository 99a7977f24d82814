import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
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

describe.each(kinds)('indicator.delete on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: Caller;
  let english: Caller;
  let p11: string;

  const define = (code: string, over: Partial<CreateInput> = {}) =>
    caller.indicator.create({
      code,
      title: `Indicateur ${code}`,
      titleEn: `Indicator ${code}`,
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      source: { kind: 'activities', measure: 'count' },
      ...over,
    });
  const exists = async (id: string) =>
    (await caller.indicator.list()).items.some((i) => i.id === id);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'org').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    english = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId), locale: 'en' }),
    );
    const prosmed = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      'PROSMED-CCSC',
    );
    p11 = must(
      (await caller.grant.byId({ id: prosmed.id })).framework.find((n) => n.code === 'P1.1'),
      'P1.1',
    ).id;
  });
  afterAll(async () => handle?.close());

  it('removes an indicator nothing depends on, audited with what it was', async () => {
    const created = await define('DEL-LIBRE', { nodeId: p11 });
    expect(await caller.indicator.delete({ id: created.id })).toEqual({ id: created.id });
    expect(await exists(created.id)).toBe(false);
    const audit = await queryRows<{ action: string; before: { code: string } }>(
      handle.db,
      sql`select action, before from audit_log where entity = 'indicator' and entity_id = ${created.id} order by at`,
    );
    expect(audit.map((a) => [a.action, a.before?.code ?? null])).toEqual([
      ['create', null],
      ['delete', 'DEL-LIBRE'],
    ]);
    expect((await refusal(caller.indicator.delete({ id: created.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses while targets or values entered by hand depend on it, naming them and their count', async () => {
    const created = await define('DEL-CIBLE', { nodeId: p11 });
    await caller.target.set({ indicatorId: created.id, period: '2023-Q3', value: 10 });
    await caller.target.set({ indicatorId: created.id, period: '2023-Q4', value: 12 });
    const fr = await refusal(caller.indicator.delete({ id: created.id }));
    expect(fr.code).toBe('CONFLICT');
    expect(fr.message).toContain('2 cibles');
    expect(fr.message).toContain('rien n’a été supprimé');
    const en = await refusal(english.indicator.delete({ id: created.id }));
    expect(en.message).toContain('2 targets');
    expect(await exists(created.id)).toBe(true);

    const entered = await define('DEL-SAISIE', { source: { kind: 'manual' } });
    await caller.manualValue.set({ indicatorId: entered.id, period: '2023-Q2', value: 4 });
    expect((await refusal(caller.indicator.delete({ id: entered.id }))).message).toContain(
      '1 valeur saisie',
    );
    expect(await exists(entered.id)).toBe(true);
  });

  it('refuses while a formula names its code, then allows once the formula is gone', async () => {
    const part = await define('DEL-PART');
    const ratio = await define('DEL-RATIO', {
      unit: 'percent',
      source: { kind: 'formula', expression: '{DEL-PART} / {CCSC-MEMBRES} * 100' },
    });
    const en = await refusal(english.indicator.delete({ id: part.id }));
    expect(en.code).toBe('CONFLICT');
    expect(en.message).toContain('1 indicator whose formula names it');
    await caller.indicator.delete({ id: ratio.id });
    await caller.indicator.delete({ id: part.id });
    expect(await exists(part.id)).toBe(false);
  });

  it('refuses once a report of its grant is submitted', async () => {
    const created = await define('DEL-RAPPORT', { nodeId: p11 });
    await caller.report.submit({
      grant: 'PROSMED-CCSC',
      period: '2023-Q1',
      template: 'undp-quarterly',
    });
    const fr = await refusal(caller.indicator.delete({ id: created.id }));
    expect(fr.code).toBe('CONFLICT');
    expect(fr.message).toContain('1 rapport soumis');
    expect(await exists(created.id)).toBe(true);
  });

  it.runIf(kind === 'postgres')(
    'a removal and a target written at the same moment: one of them wins, never both',
    async () => {
      for (let round = 0; round < 6; round++) {
        const created = await define(`DEL-COURSE-${round}`);
        const [removed, targeted] = await Promise.allSettled([
          caller.indicator.delete({ id: created.id }),
          caller.target.set({ indicatorId: created.id, period: '2023-Q3', value: 5 }),
        ]);
        const targets = await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from target where indicator_id = ${created.id}`,
        );
        const still = await exists(created.id);
        if (removed.status === 'fulfilled') {
          // the target's write waited for the removal, then found the indicator gone
          expect(targeted.status === 'rejected' && (targeted.reason as TRPCError).code).toBe(
            'NOT_FOUND',
          );
          expect(still).toBe(false);
        } else {
          expect(targeted.status).toBe('fulfilled');
          expect(removed.reason).toBeInstanceOf(TRPCError);
          expect((removed.reason as TRPCError).code).toBe('CONFLICT');
          expect(still).toBe(true);
        }
        expect(must(targets[0], 'count').n).toBe(still ? 1 : 0);
      }
    },
  );
  /**
   * Waits until some session of this database waits for a lock (the call under test blocked), or
   * until that call has ended without waiting (`ended`).
   */
  const someoneWaits = async (ended: () => boolean) => {
    for (let i = 0; i < 400 && !ended(); i++) {
      const [row] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((row?.n ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it.runIf(kind === 'postgres')(
    'a formula written while one of its indicators is being removed waits, then finds it gone',
    async () => {
      const part = await define('DEL-COMPOSANTE');
      let creating: Promise<unknown> | null = null;
      let ended = false;
      // The removal has locked the indicator and found nothing depending on it: the formula,
      // checked against the indicators a moment before, must wait for it and not be written.
      await handle.db.transaction(async (tx) => {
        await queryRows(tx, sql`select id from indicator where id = ${part.id} for update`);
        creating = caller.indicator.create({
          code: 'DEL-FORMULE-TARDIVE',
          title: 'Formule tardive',
          titleEn: 'Late formula',
          unit: 'number',
          direction: 'higher-is-better',
          timeRule: 'sum',
          cumulative: false,
          source: { kind: 'formula', expression: '{DEL-COMPOSANTE} * 2' },
        });
        creating.then(
          () => (ended = true),
          () => (ended = true),
        );
        await someoneWaits(() => ended);
        await queryRows(tx, sql`delete from indicator where id = ${part.id}`);
      });
      const refused = await refusal(must(creating, 'the formula written meanwhile'));
      expect(refused.code).toBe('BAD_REQUEST');
      expect(refused.message).toContain('Indicateur inconnu(e) pour cette organisation');
      expect(refused.message).toContain('DEL-COMPOSANTE');
      expect(
        (await caller.indicator.list()).items.some((i) => i.code === 'DEL-FORMULE-TARDIVE'),
      ).toBe(false);
    },
  );

  it.runIf(kind === 'postgres')(
    'a removal and a formula naming it written at the same moment: one of them wins, never both',
    async () => {
      for (let round = 0; round < 6; round++) {
        const part = await define(`DEL-PIECE-${round}`);
        const [removed, formula] = await Promise.allSettled([
          caller.indicator.delete({ id: part.id }),
          define(`DEL-SOMME-${round}`, {
            source: { kind: 'formula', expression: `{DEL-PIECE-${round}} + 1` },
          }),
        ]);
        expect([removed.status, formula.status].sort(), `round ${round}`).toEqual([
          'fulfilled',
          'rejected',
        ]);
        const codes = new Set((await caller.indicator.list()).items.map((i) => i.code));
        expect(codes.has(`DEL-PIECE-${round}`)).toBe(removed.status === 'rejected');
        expect(codes.has(`DEL-SOMME-${round}`)).toBe(formula.status === 'fulfilled');
        if (formula.status === 'rejected')
          expect((formula.reason as TRPCError).code).toBe('BAD_REQUEST');
        else expect((removed as PromiseRejectedResult).reason.code).toBe('CONFLICT');
      }
    },
  );
});
