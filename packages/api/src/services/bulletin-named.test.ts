import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { formatFigure, must, type Figure, type Locale } from '@jalon/domain';
import { bulletinFigures } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

/*
 * An activity whose participants nobody counted but whose people were named: the engine reads its
 * participation from the attendance list, and the bulletin's prose says what `bulletin.figures`
 * says — the programme's figures, in the same words — instead of leaving the named people out.
 */
const kinds = await testDatabaseKinds();
const PERIOD = '2023-Q3';

describe.each(kinds)('the bulletin’s prose counts named attendance on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let programmeId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    programmeId = (
      await caller.programme.create({ code: 'NOM', name: 'Programme nommé', nameEn: 'Named' })
    ).id;
  }, 300_000);
  afterAll(async () => handle?.close());

  const training = (title: string, date: string) =>
    caller.activity.create({
      programmeId,
      title,
      type: 'training',
      startDate: date,
      endDate: date,
      participants: null,
    });

  /** The programme's figures and its sentences in the rendered bulletin, per language. */
  async function read() {
    const figures = await caller.bulletin.figures({ period: PERIOD });
    const nom = must(
      figures.programmes.find((p) => p.code === 'NOM'),
      'NOM in bulletin.figures',
    );
    const model = await caller.report.bulletin({ period: PERIOD });
    const said = (locale: Locale) =>
      bulletinFigures(model, locale)
        .programmes.filter((p) => p.code === 'NOM')
        .flatMap((p) => p.sentences)
        .join(' ');
    return { nom, said };
  }

  const stated = (f: Figure, locale: Locale) => formatFigure(f, locale, { uncounted: false });

  it('states the named people of an uncounted activity, and the figures of its programme', async () => {
    const { activity } = await training('Formation sur liste de présence', '2023-07-10');
    await caller.attendance.set({
      activityId: activity.id,
      participants: [
        { code: 'NOM-001', sex: 'female', ageGroup: 'youth' },
        { code: 'NOM-002', sex: 'female', ageGroup: 'youth' },
        { code: 'NOM-003', sex: 'male', ageGroup: 'adult' },
      ],
    });
    const one = await read();
    // The engine: three named people, two young women; nothing uncounted.
    expect(one.nom.participants).toMatchObject({ value: 3, uncounted: 0 });
    expect(one.nom.women.value).toBe(2);
    expect(one.nom.youth.value).toBe(2);
    const own = must(
      one.nom.activityFigures.find((a) => a.title === 'Formation sur liste de présence'),
      'the activity',
    );
    expect(own.participants).toEqual(one.nom.participants);
    for (const locale of ['fr', 'en'] as Locale[]) {
      const said = one.said(locale);
      expect(said).toContain(`${stated(one.nom.participants, locale)} participants`);
      expect(said).toContain(
        `${stated(one.nom.women, locale)} ${locale === 'fr' ? 'femmes' : 'women'}`,
      );
      expect(said).toContain(
        `${stated(one.nom.youth, locale)} ${locale === 'fr' ? 'jeunes' : 'young people'}`,
      );
    }

    // A second training nobody counted nor named: the total is open above, « au moins 3 », and
    // the prose says so as the figures do, with the activity left without a count.
    await training('Formation sans liste', '2023-08-14');
    const two = await read();
    expect(two.nom.participants).toMatchObject({ value: 3, atLeast: true, uncounted: 1 });
    expect(two.nom.participants.bounds?.upper ?? null).toBeNull();
    for (const locale of ['fr', 'en'] as Locale[]) {
      const said = two.said(locale);
      expect(stated(two.nom.participants, locale)).toBe(
        locale === 'fr' ? 'au moins 3' : 'at least 3',
      );
      expect(said).toContain(`${stated(two.nom.participants, locale)} participants`);
      expect(said).toContain(
        `${stated(two.nom.women, locale)} ${locale === 'fr' ? 'femmes' : 'women'}`,
      );
      expect(said).toContain(locale === 'fr' ? '1 activité sans décompte' : '1 activity');
    }
  }, 300_000);
});
