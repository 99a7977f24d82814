import {
  computeIndicatorInDatabase,
  findOrganisationByCode,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, parsePeriod, type IndicatorDefinition } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

/** Women reached, counted once each: named people only (the `where` cell ignores unnamed totals). */
const uniqueWomen: IndicatorDefinition = {
  code: 'TEST-FEMMES-UNIQUES',
  title: { fr: 'Femmes uniques', en: 'Unique women' },
  unit: 'number',
  direction: 'higher-is-better',
  source: { kind: 'participation', measure: 'unique-people', where: { sex: 'female' } },
  timeRule: 'sum',
  cumulative: false,
};

describe.each(kinds)('attendance (named participants) on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let organisationId: string;
  let activityInput: Parameters<ReturnType<typeof createCaller>['activity']['create']>[0];
  const count = async (table: string) =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql.raw(`select count(*)::int as n from ${table}`),
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql.raw(`select count(...',
      ).n,
    );
  const womenIn = async (period: string) => {
    const r = await computeIndicatorInDatabase(
      handle.db,
      organisationId,
      uniqueWomen,
      (parsePeriod(period) as { ok: true; value: never }).value,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    const programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'JPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'JPS')",
    ).id;
    activityInput = {
      programmeId,
      title: 'Dialogue intergénérationnel à Ségou',
      type: 'dialogue',
      startDate: '2023-06-20',
      endDate: '2023-06-21',
      participants: { total: { value: 40, qualifier: 'exact' }, cells: [] },
    };
  });
  afterAll(async () => handle?.close());

  it('sets and lists the named participants, finds or creates persons by code, audited', async () => {
    const { activity } = await caller.activity.create(activityInput);
    const women = await womenIn('2023-06');
    const saved = await caller.attendance.set({
      activityId: activity.id,
      version: activity.version,
      participants: [
        { code: 'JPS-001', displayName: 'Awa Traoré', sex: 'female', ageGroup: 'youth' },
        { code: 'JPS-002', sex: 'male', ageGroup: 'adult', date: '2023-06-21' },
      ],
    });
    expect(saved.activity.version).toBe(activity.version + 1);
    const { items } = await caller.attendance.list({ activityId: activity.id });
    expect(items).toEqual(saved.items);
    expect(items).toMatchObject([
      {
        code: 'JPS-001',
        displayName: 'Awa Traoré',
        date: '2023-06-20',
        sex: 'female',
        ageGroup: 'youth',
        disability: null,
      },
      { code: 'JPS-002', displayName: null, date: '2023-06-21', sex: 'male', ageGroup: 'adult' },
    ]);
    expect(
      await count(
        `audit_log where entity = 'attendance' and action = 'update' and entity_id = '${activity.id}'`,
      ),
    ).toBe(1);
    // The indicator counting unique women reached counts the one just named.
    expect((await womenIn('2023-06')).value).toBe(women.value + 1);

    // The same code at a second activity is the same person: one more participation, no new person.
    const persons = await count('person');
    const second = (await caller.activity.create({ ...activityInput, title: 'Second dialogue' }))
      .activity;
    const again = await caller.attendance.set({
      activityId: second.id,
      participants: [{ code: 'JPS-001', sex: 'female', ageGroup: 'youth' }],
    });
    expect(must(again.items[0], 'again.items[0]').personId).toBe(
      must(items[0], 'items[0]').personId,
    );
    expect(await count('person')).toBe(persons);
    expect((await womenIn('2023-06')).value).toBe(women.value + 1);

    // Replacing the list replaces it; an empty list clears it.
    await caller.attendance.set({
      activityId: activity.id,
      participants: [{ personId: must(items[1], 'items[1]').personId }],
    });
    expect(
      (await caller.attendance.list({ activityId: activity.id })).items.map((i) => i.code),
    ).toEqual(['JPS-002']);
    await caller.attendance.set({ activityId: second.id, participants: [] });
    expect((await womenIn('2023-06')).value).toBe(women.value);
  });

  it('refuses bad lines by their number, a person twice, too many names, a stale version — writing nothing', async () => {
    const { activity } = await caller.activity.create({
      ...activityInput,
      title: 'Atelier à trois participants',
      participants: { total: { value: 3, qualifier: 'exact' }, cells: [] },
    });
    const persons = await count('person');
    const audit = await count('audit_log');
    const refused = async (participants: unknown[], version?: number) => {
      const error = await caller.attendance
        .set({
          activityId: activity.id,
          ...(version ? { version } : {}),
          participants: participants as never,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      return error as Error & { code: string };
    };

    const bad = await refused([
      { code: 'A-1', sex: 'female' },
      { code: 'A-2' },
      { code: 'A-3', sex: 'femme' },
    ]);
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/ligne 3 : sex — sexe attendu : female, male/);
    expect((await refused([{ displayName: 'Sans code' }])).message).toMatch(
      /ligne 1 : indiquez le code/,
    );
    expect((await refused([{ code: 'A-1', date: '2023-07-01' }])).message).toMatch(
      /ligne 1 : le 2023-07-01 est en dehors de l’activité/,
    );
    expect((await refused([{ code: 'A-1' }, { code: 'A-1' }])).message).toMatch(
      /ligne 2 : cette personne figure déjà à la ligne 1/,
    );
    const many = await refused([
      { code: 'A-1' },
      { code: 'A-2' },
      { code: 'A-3' },
      { code: 'A-4' },
    ]);
    expect(many.code).toBe('BAD_REQUEST');
    expect(many.message).toMatch(/4 personnes nommées pour 3 participants au total/);
    expect((await refused([{ code: 'A-1' }], activity.version + 1)).code).toBe('CONFLICT');
    expect(await count('person')).toBe(persons);
    expect(await count('audit_log')).toBe(audit);
    expect(await count(`attendance where activity_id = '${activity.id}'`)).toBe(0);

    // An approximate total ("environ 3") does not bound the list.
    const about = await caller.activity.update({
      id: activity.id,
      version: activity.version,
      activity: {
        ...activityInput,
        participants: { total: { value: 3, qualifier: 'approximate' }, cells: [] },
      },
    });
    await expect(
      caller.attendance.set({
        activityId: activity.id,
        version: about.activity.version,
        participants: [{ code: 'A-1' }, { code: 'A-2' }, { code: 'A-3' }, { code: 'A-4' }],
      }),
    ).resolves.toMatchObject({ items: { length: 4 } });
  });

  it('refuses an activity.update that lowers an exact total below the named list, in French and English', async () => {
    const { activity } = await caller.activity.create({
      ...activityInput,
      participants: { total: { value: 10, qualifier: 'exact' }, cells: [] },
    });
    const listed = await caller.attendance.set({
      activityId: activity.id,
      version: activity.version,
      participants: [{ code: 'LOW-1' }, { code: 'LOW-2' }, { code: 'LOW-3' }],
    });
    const lowered = {
      id: activity.id,
      version: listed.activity.version,
      activity: {
        ...activityInput,
        participants: { total: { value: 2, qualifier: 'exact' as const }, cells: [] },
      },
    };
    await expect(caller.activity.update(lowered)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/2 participants au total alors que 3 personnes sont nommées/),
    });
    const english = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId), locale: 'en' }),
    );
    await expect(english.activity.update(lowered)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/2 participants in all while 3 people are named/),
    });
    expect((await caller.activity.byId({ id: activity.id })).version).toBe(listed.activity.version);
  });

  it('holds the caller to the activity’s reach', async () => {
    const fpsOfficer = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'programme@wanep-mali.demo'),
      }),
    );
    const { activity } = await caller.activity.create({ ...activityInput, title: 'Hors FPS' });
    await expect(fpsOfficer.attendance.list({ activityId: activity.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      fpsOfficer.attendance.set({ activityId: activity.id, participants: [{ code: 'X' }] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a change in a period locked by a submitted report', async () => {
    const { items } = await caller.activity.list({ period: '2023-Q2', limit: 500 });
    const target = must(
      items.find((a) => a.grants.some((g) => g.code === 'PROSMED-CCSC')),
      "items.find((a) => a.grants.some((g) => g.code === 'PROSMED-CCSC'))",
    );
    await caller.report.submit({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    const error = await caller.attendance
      .set({ activityId: target.id, participants: [{ code: 'LOCK-1' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((error as Error).message).toMatch(
      /La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée/,
    );
    expect(await count(`attendance where activity_id = '${target.id}'`)).toBe(0);
    expect(await count(`person where code = 'LOCK-1'`)).toBe(0);
  });
});
