import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { activity, manualValue } from '../schema/index';
import { seedDemo } from '../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { moveActivity, restateActivity, type ApprovalResult } from './approval/commands';
import type { CommandResult } from '../command';
import {
  createActivity,
  deleteActivity,
  updateActivity,
  type ActivityInput,
} from './activity/commands';
import { findActivity } from './activity/queries';
import { listAttendance } from './attendance/queries';
import { setAttendance } from './attendance/commands';
import { listIndicators } from './indicator/queries';
import { findManualValue } from './manual-value/queries';
import { moveManualValue, setManualValue, type ManualValueInput } from './manual-value/commands';
import { findOrganisationByCode } from './organisation/queries';
import { listProgrammes } from './programme/queries';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
const ROUNDS = 20;

type Result = CommandResult<unknown> | ApprovalResult<unknown>;
const accepted = (rs: Result[]) => rs.filter((r) => r.ok).length;
const conflicts = (rs: Result[]) => rs.filter((r) => !r.ok && r.error.kind === 'conflict').length;

/** `n` people with codes unique to this test run and list. */
const people = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `${tag}-${i + 1}`, sex: 'female' }));

const codes = (rows: { code: string }[]) => rows.map((r) => r.code).sort();

// The races only exist with several writers: PostgreSQL (PGlite has a single one).
describe.each(kinds.filter((k) => k === 'postgres'))(
  'two concurrent versioned writes on %s: exactly one wins',
  (kind) => {
    let handle: DatabaseHandle;
    let org: string;
    let base: ActivityInput;
    let indicatorId: string;

    beforeAll(async () => {
      handle = await openTestDatabase(kind);
      await seedDemo(handle.db);
      org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      const programmes = await listProgrammes(handle.db, org);
      indicatorId = must(
        (await listIndicators(handle.db, org))[0],
        '(await listIndicators(handle.db, org))[0]',
      ).id;
      base = {
        programmeId: must(programmes[0], 'programmes[0]').id,
        title: 'Atelier de concurrence',
        type: 'training',
        role: 'organiser',
        startDate: '2024-02-05',
        endDate: '2024-02-06',
        sessions: 1,
        placeIds: [],
        grantIds: [],
        participants: { total: { value: 4, qualifier: 'exact' }, cells: [] },
      };
    }, 60_000);
    afterAll(async () => handle?.close());

    async function freshActivity(total = 4) {
      const r = await createActivity(handle.db, org, {
        ...base,
        participants: { total: { value: total, qualifier: 'exact' }, cells: [] },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    }

    it('attendance.set × attendance.set: one list stands whole, never a merge', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(4);
        const first = people(`A${round}`, 3);
        const second = people(`B${round}`, 4);
        const rs = await Promise.all([
          setAttendance(handle.db, org, a.id, a.version, first),
          setAttendance(handle.db, org, a.id, a.version, second),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const stored = codes(await listAttendance(handle.db, org, a.id));
        expect([codes(first), codes(second)]).toContainEqual(stored);
        expect(
          must(
            await findActivity(handle.db, org, a.id),
            '(await findActivity(handle.db, org, a.id))',
          ).version,
        ).toBe(a.version + 1);
      }
    });

    it('attendance.set without a version never names more people than the exact total', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(4);
        const first = people(`C${round}`, 3);
        const second = people(`D${round}`, 3);
        await Promise.all([
          setAttendance(handle.db, org, a.id, undefined, first),
          setAttendance(handle.db, org, a.id, undefined, second),
        ]);
        const stored = codes(await listAttendance(handle.db, org, a.id));
        expect([codes(first), codes(second)]).toContainEqual(stored);
      }
    });

    it('activity.update × attendance.set at the same version: one is a conflict', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(10);
        const list = people(`E${round}`, 3);
        const rs = await Promise.all([
          updateActivity(handle.db, org, a.id, a.version, { ...base, title: `édité ${round}` }),
          setAttendance(handle.db, org, a.id, a.version, list),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const after = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        const stored = await listAttendance(handle.db, org, a.id);
        if (rs[0].ok) {
          expect(after.title).toBe(`édité ${round}`);
          expect(stored).toEqual([]);
        } else {
          expect(after.title).toBe(base.title);
          expect(codes(stored)).toEqual(codes(list));
        }
        expect(after.version).toBe(a.version + 1);
      }
    });

    it('activity.update lowering the total × attendance.set: the list never exceeds the total', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(10);
        await Promise.all([
          updateActivity(handle.db, org, a.id, a.version, {
            ...base,
            participants: { total: { value: 2, qualifier: 'exact' }, cells: [] },
          }),
          setAttendance(handle.db, org, a.id, undefined, people(`F${round}`, 3)),
        ]);
        const after = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        const named = (await listAttendance(handle.db, org, a.id)).length;
        expect(named).toBeLessThanOrEqual(
          must(must(after.participants, 'after.participants').total, 'after.participants!.total')
            .value,
        );
      }
    });

    it('activity.update × activity.update: the stored activity is exactly one of the two', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity();
        const rs = await Promise.all([
          updateActivity(handle.db, org, a.id, a.version, { ...base, title: 'un', sessions: 1 }),
          updateActivity(handle.db, org, a.id, a.version, { ...base, title: 'deux', sessions: 2 }),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const after = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        expect([
          { title: 'un', sessions: 1 },
          { title: 'deux', sessions: 2 },
        ]).toContainEqual({ title: after.title, sessions: after.sessions });
      }
    });

    it('activity.delete × activity.update: one is a conflict', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity();
        const rs = await Promise.all([
          deleteActivity(handle.db, org, a.id, a.version),
          updateActivity(handle.db, org, a.id, a.version, { ...base, title: 'gardée' }),
        ]);
        expect(accepted(rs)).toBe(1);
        // The update that waited for the deletion finds nothing left to update.
        const loser = must(
          rs.find((r) => !r.ok),
          'rs.find((r) => !r.ok)',
        );
        expect(loser.ok ? null : loser.error.kind).toBe(rs[0].ok ? 'not-found' : 'conflict');
        const after = await findActivity(handle.db, org, a.id);
        expect(after === undefined).toBe(rs[0].ok);
      }
    });

    it('activity.restate × attendance.set: one is a conflict', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(10);
        const rs = await Promise.all([
          restateActivity(
            handle.db,
            org,
            a.id,
            a.version,
            { ...base, title: 'corrigée' },
            'erreur',
          ),
          setAttendance(handle.db, org, a.id, a.version, people(`G${round}`, 2)),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
      }
    });

    it('activity approval moves × an edit or another move: one is a conflict', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const a = await freshActivity(10);
        const submitVsList = await Promise.all([
          moveActivity(handle.db, org, a.id, a.version, 'submit'),
          setAttendance(handle.db, org, a.id, a.version, people(`H${round}`, 2)),
        ]);
        expect(accepted(submitVsList)).toBe(1);
        expect(conflicts(submitVsList)).toBe(1);
        const now = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        if (now.status !== 'submitted') {
          const s = await moveActivity(handle.db, org, a.id, now.version, 'submit');
          expect(s.ok).toBe(true);
        }
        const submitted = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        const rs = await Promise.all([
          moveActivity(handle.db, org, a.id, submitted.version, 'validate'),
          moveActivity(handle.db, org, a.id, submitted.version, 'reject', { userId: null }, 'non'),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const after = must(
          await findActivity(handle.db, org, a.id),
          '(await findActivity(handle.db, org, a.id))',
        );
        expect(after.status).toBe(rs[0].ok ? 'validated' : 'draft');
        expect(after.version).toBe(submitted.version + 1);
      }
    });

    it('manualValue.set and its moves: one of two concurrent writes wins', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const year = 2030 + round;
        const input: ManualValueInput = {
          indicatorId,
          periodCode: `${year}-Q1`,
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-03-31`,
          cellKey: '',
          value: 1,
          qualifier: 'exact',
          numerator: null,
          denominator: null,
          note: null,
        };
        // Two first entries of the same value: one creates it, the other is a conflict.
        const created = await Promise.all([
          setManualValue(handle.db, org, { ...input, value: 10 }, undefined),
          setManualValue(handle.db, org, { ...input, value: 20 }, undefined),
        ]);
        expect(accepted(created)).toBe(1);
        expect(conflicts(created)).toBe(1);
        const v = must(
          created.find((r) => r.ok),
          'created.find((r) => r.ok)',
        );
        if (!v.ok) throw new Error('unreachable');
        // Two corrections at the same version.
        const corrected = await Promise.all([
          setManualValue(handle.db, org, { ...input, value: 30 }, v.value.version),
          setManualValue(handle.db, org, { ...input, value: 40 }, v.value.version),
        ]);
        expect(accepted(corrected)).toBe(1);
        expect(conflicts(corrected)).toBe(1);
        const now = must(
          await findManualValue(handle.db, org, v.value.id),
          '(await findManualValue(handle.db, org, v.value.id))',
        );
        expect(now.value).toBe(corrected[0].ok ? 30 : 40);
        // A submission and a correction at the same version.
        const moved = await Promise.all([
          moveManualValue(handle.db, org, now.id, now.version, 'submit'),
          setManualValue(handle.db, org, { ...input, value: 50 }, now.version),
        ]);
        expect(accepted(moved)).toBe(1);
        expect(conflicts(moved)).toBe(1);
        const [row] = await handle.db
          .select({ status: manualValue.status, value: manualValue.value })
          .from(manualValue)
          .where(and(eq(manualValue.organisationId, org), eq(manualValue.id, now.id)));
        expect(row).toEqual(
          moved[0].ok ? { status: 'submitted', value: now.value } : { status: 'draft', value: 50 },
        );
      }
    });
  },
);

describe.each(kinds)('an exact total below the named list on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let base: ActivityInput;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    base = {
      programmeId: must(
        (await listProgrammes(handle.db, org))[0],
        '(await listProgrammes(handle.db, org))[0]',
      ).id,
      title: 'Formation',
      type: 'training',
      role: 'organiser',
      startDate: '2024-03-05',
      endDate: '2024-03-05',
      sessions: 1,
      placeIds: [],
      grantIds: [],
      participants: { total: { value: 10, qualifier: 'exact' }, cells: [] },
    };
  }, 60_000);
  afterAll(async () => handle?.close());

  it('is refused by activity.update and activity.restate, in French and English', async () => {
    const created = await createActivity(handle.db, org, base);
    if (!created.ok) throw new Error('not created');
    const listed = await setAttendance(
      handle.db,
      org,
      created.value.id,
      created.value.version,
      people('N', 3),
    );
    if (!listed.ok) throw new Error('not listed');
    const version = listed.value.activity.version;
    const two = {
      ...base,
      participants: { total: { value: 2, qualifier: 'exact' as const }, cells: [] },
    };
    for (const r of [
      await updateActivity(handle.db, org, created.value.id, version, two),
      await restateActivity(handle.db, org, created.value.id, version, two, 'total corrigé'),
    ]) {
      expect(r.ok).toBe(false);
      if (r.ok || r.error.kind !== 'invalid') throw new Error(JSON.stringify(r));
      expect(r.error.message.fr).toMatch(
        /2 participants au total alors que 3 personnes sont nommées/,
      );
      expect(r.error.message.en).toMatch(/2 participants in all while 3 people are named/);
    }
    const [row] = await handle.db
      .select({ version: activity.version })
      .from(activity)
      .where(eq(activity.id, created.value.id));
    expect(must(row, 'row').version).toBe(version);
    // Three is still allowed, and so is an approximate or a lower-bound total.
    const three = {
      ...base,
      participants: { total: { value: 3, qualifier: 'exact' as const }, cells: [] },
    };
    expect((await updateActivity(handle.db, org, created.value.id, version, three)).ok).toBe(true);
    const about = {
      ...base,
      participants: { total: { value: 2, qualifier: 'approximate' as const }, cells: [] },
    };
    expect((await updateActivity(handle.db, org, created.value.id, version + 1, about)).ok).toBe(
      true,
    );
  });
});
