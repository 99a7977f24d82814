import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { auditLog, grant, periodLock } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { listIndicatorComments } from './queries';
import { setIndicatorComment } from './commands';
import { findGrantByCode } from '../grant/queries';
import { listIndicators } from '../indicator/queries';
import { findOrganisationByCode } from '../organisation/queries';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('indicator comments on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let prosmed: string;
  let jf: string;
  let sessions: string;
  let lobbying: string;
  const q3 = { periodCode: '2023-Q3', periodStart: '2023-07-01', periodEnd: '2023-09-30' };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    prosmed = must(
      await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
      "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
    ).id;
    jf = must(
      await findGrantByCode(handle.db, org, 'JUST-FUTURE'),
      "(await findGrantByCode(handle.db, org, 'JUST-FUTURE'))",
    ).id;
    const indicators = await listIndicators(handle.db, org);
    sessions = must(
      indicators.find((i) => i.code === 'CCSC-SESSIONS'),
      "indicators.find((i) => i.code === 'CCSC-SESSIONS')",
    ).id;
    lobbying = must(
      indicators.find((i) => i.code === 'JF-LOBBYING'),
      "indicators.find((i) => i.code === 'JF-LOBBYING')",
    ).id;
  });
  afterAll(async () => handle?.close());

  it('holds the seeded comments of 2023-Q2, and the seed’s grant headers', async () => {
    const rows = await listIndicatorComments(handle.db, org, {
      grantId: prosmed,
      periodCodes: ['2023-Q2'],
    });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.indicatorId === sessions)?.comment).toMatch(
      /^Treize \(13\) sessions/,
    );
    const [g] = await handle.db
      .select({
        titleEn: grant.titleEn,
        businessUnit: grant.businessUnit,
        projectId: grant.projectId,
      })
      .from(grant)
      .where(eq(grant.id, prosmed));
    expect(g).toEqual({
      titleEn: 'Setting up the communal security advisory committees (PROSMED)',
      businessUnit: 'MLI10',
      projectId: '00130945',
    });
    expect(
      await listIndicatorComments(handle.db, org, { grantId: prosmed, periodCodes: [] }),
    ).toEqual([]);
  });

  it('creates, replaces and removes a comment, one audit row per change', async () => {
    const input = { grantId: prosmed, indicatorId: sessions, ...q3 };
    const audits = async () =>
      handle.db
        .select({ action: auditLog.action, entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.organisationId, org), eq(auditLog.entity, 'indicator-comment')));
    const created = await setIndicatorComment(handle.db, org, { ...input, comment: 'Premier.' });
    expect(created).toMatchObject({ ok: true, value: { comment: 'Premier.' } });
    const id = created.ok ? created.value.id : null;
    const replaced = await setIndicatorComment(handle.db, org, { ...input, comment: 'Second.' });
    expect(replaced).toEqual({ ok: true, value: { id, comment: 'Second.' } });
    // The same text again changes nothing and writes no audit row.
    await setIndicatorComment(handle.db, org, { ...input, comment: 'Second.' });
    expect(
      (
        await listIndicatorComments(handle.db, org, { grantId: prosmed, periodCodes: ['2023-Q3'] })
      ).map((r) => r.comment),
    ).toEqual(['Second.']);
    expect(await setIndicatorComment(handle.db, org, { ...input, comment: null })).toEqual({
      ok: true,
      value: { id: null, comment: null },
    });
    expect(await setIndicatorComment(handle.db, org, { ...input, comment: null })).toMatchObject({
      ok: true,
    });
    expect((await audits()).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(
      await listIndicatorComments(handle.db, org, { grantId: prosmed, periodCodes: ['2023-Q3'] }),
    ).toEqual([]);
  });

  it('refuses an indicator of another grant, another organisation, and a locked period', async () => {
    const on = (grantId: string, indicatorId: string, organisationId = org) =>
      setIndicatorComment(handle.db, organisationId, {
        grantId,
        indicatorId,
        ...q3,
        comment: 'Non.',
      });
    expect(await on(prosmed, lobbying)).toEqual({ ok: false, error: { kind: 'not-found' } });
    expect(await on(jf, lobbying, '00000000-0000-4000-8000-0000000000aa')).toEqual({
      ok: false,
      error: { kind: 'not-found' },
    });
    await handle.db.insert(periodLock).values({
      organisationId: org,
      grantId: jf,
      periodCode: '2023',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
    });
    expect(await on(jf, lobbying)).toEqual({
      ok: false,
      error: { kind: 'locked', grant: 'JUST-FUTURE', period: '2023' },
    });
    await handle.db.delete(periodLock).where(eq(periodLock.grantId, jf));
  });

  it('keeps a comment per language: the seed’s are French, an English text sits beside, clearing one keeps the other', async () => {
    const seeded = await listIndicatorComments(handle.db, org, {
      grantId: prosmed,
      periodCodes: ['2023-Q2'],
    });
    expect(seeded.map((r) => r.language)).toEqual(['fr', 'fr']);
    const input = {
      grantId: jf,
      indicatorId: lobbying,
      periodCode: '2023-Q4',
      periodStart: '2023-10-01',
      periodEnd: '2023-12-31',
    };
    await setIndicatorComment(handle.db, org, { ...input, comment: 'Dix-sept députés.' });
    await setIndicatorComment(handle.db, org, {
      ...input,
      comment: 'Seventeen MPs.',
      language: 'en',
    });
    const both = await listIndicatorComments(handle.db, org, {
      grantId: jf,
      periodCodes: ['2023-Q4'],
    });
    expect(both.map((r) => [r.language, r.comment])).toEqual([
      ['en', 'Seventeen MPs.'],
      ['fr', 'Dix-sept députés.'],
    ]);
    await setIndicatorComment(handle.db, org, { ...input, comment: null, language: 'en' });
    expect(
      (await listIndicatorComments(handle.db, org, { grantId: jf, periodCodes: ['2023-Q4'] })).map(
        (r) => [r.language, r.comment],
      ),
    ).toEqual([['fr', 'Dix-sept députés.']]);
    await setIndicatorComment(handle.db, org, { ...input, comment: null });
  });
});
