import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { must, cellKeyToString } from '@jalon/domain';
import type { Database } from '../client';
import type { Tx } from '../command';
import {
  activity,
  activityPlace,
  organisation,
  participationCell,
  participationCount,
  place,
  programme,
} from '../schema/index';
import { seedAssessment } from './seed-assessment';
import { seedGrants } from './seed-grants';
import { seedUsers } from './seed-users';
import {
  demoActivities,
  demoPlaces,
  demoProgrammes,
  placePath,
  wanepMali,
  type DemoActivity,
} from './demo-data';

export interface SeedSummary {
  organisation: string;
  places: number;
  programmes: number;
  activities: number;
  grants: number;
  indicators: number;
  assessments: number;
}

/**
 * Loads the bulletin's demo data. Idempotent: every row is keyed by a stable code and upserted,
 * and an activity's places and breakdown are replaced as a whole, all in one transaction, so a
 * second run changes nothing and a failed run leaves nothing half-written.
 */
export async function seedDemo(db: Database): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    const organisationId = await seedOrganisation(tx);
    const placeIds = await seedPlaces(tx, organisationId);
    const programmeIds = await seedProgrammes(tx, organisationId);
    const activityIds = await seedActivities(tx, organisationId, { placeIds, programmeIds });
    const { grants, indicators } = await seedGrants(tx, {
      organisationId,
      placeIds,
      programmeIds,
      activityIds,
    });
    const assessments = await seedAssessment(tx, organisationId);
    await seedUsers(tx, organisationId, { programmeIds });

    return {
      organisation: wanepMali.code,
      grants,
      indicators,
      assessments,
      places: demoPlaces.length,
      programmes: demoProgrammes.length,
      activities: demoActivities.length,
    };
  });
}

/** The demo organisation, upserted by its code; its id. */
async function seedOrganisation(tx: Tx): Promise<string> {
  const newId = randomUUID();
  const [org] = await tx
    .insert(organisation)
    .values({
      id: newId,
      organisationId: newId,
      code: wanepMali.code,
      name: wanepMali.name,
      kind: wanepMali.kind,
      country: wanepMali.country,
    })
    .onConflictDoUpdate({
      target: organisation.code,
      set: { name: wanepMali.name, kind: wanepMali.kind, country: wanepMali.country },
    })
    .returning({ id: organisation.id });
  if (!org) throw new Error('seed: organisation upsert returned nothing');
  return org.id;
}

/** The demo places, parents first; each code's id. */
async function seedPlaces(tx: Tx, organisationId: string): Promise<Map<string, string>> {
  const placeIds = new Map<string, string>();
  const placePaths = new Map<string, string>();
  for (const p of demoPlaces) {
    const parentId = p.parent ? placeIds.get(p.parent) : undefined;
    if (p.parent && !parentId)
      throw new Error(`seed: place ${p.code} listed before its parent ${p.parent}`);
    const path = placePath(p, p.parent ? placePaths.get(p.parent) : undefined);
    const [row] = await tx
      .insert(place)
      .values({ organisationId, code: p.code, name: p.name, level: p.level, parentId, path })
      .onConflictDoUpdate({
        target: [place.organisationId, place.code],
        set: { name: p.name, level: p.level, parentId: parentId ?? null, path },
      })
      .returning({ id: place.id });
    placeIds.set(p.code, must(row, 'the place just written').id);
    placePaths.set(p.code, path);
  }
  return placeIds;
}

/** The demo programmes; each code's id. */
async function seedProgrammes(tx: Tx, organisationId: string): Promise<Map<string, string>> {
  const programmeIds = new Map<string, string>();
  for (const p of demoProgrammes) {
    const [row] = await tx
      .insert(programme)
      .values({
        organisationId,
        ...p,
        sinceYear: p.sinceYear ?? null,
        countries: p.countries ?? [],
      })
      .onConflictDoUpdate({
        target: [programme.organisationId, programme.code],
        set: {
          name: p.name,
          nameEn: p.nameEn,
          description: p.description,
          sinceYear: p.sinceYear ?? null,
          countries: p.countries ?? [],
        },
      })
      .returning({ id: programme.id });
    programmeIds.set(p.code, must(row, 'the programme just written').id);
  }
  return programmeIds;
}

/** The demo activities, validated, each with its places and participant counts; each code's id. */
async function seedActivities(
  tx: Tx,
  organisationId: string,
  refs: { placeIds: Map<string, string>; programmeIds: Map<string, string> },
): Promise<Map<string, string>> {
  const { placeIds, programmeIds } = refs;
  const activityIds = new Map<string, string>();
  for (const a of demoActivities) {
    const programmeId = programmeIds.get(a.programme);
    if (!programmeId)
      throw new Error(`seed: activity ${a.code} names unknown programme ${a.programme}`);
    const values = {
      programmeId,
      title: a.title,
      summary: a.summary,
      type: a.type,
      role: a.role,
      startDate: a.startDate,
      endDate: a.endDate,
      sessions: a.sessions ?? 1,
      // Published in the bulletin: these facts were validated by the M&E officer.
      status: 'validated' as const,
    };
    const [row] = await tx
      .insert(activity)
      .values({ organisationId, code: a.code, ...values })
      .onConflictDoUpdate({ target: [activity.organisationId, activity.code], set: values })
      .returning({ id: activity.id });
    const activityId = must(row, 'the activity just written').id;
    activityIds.set(a.code, activityId);

    await replacePlaces(tx, organisationId, activityId, a, placeIds);
    await replaceParticipation(tx, organisationId, activityId, a);
  }
  return activityIds;
}

/** An activity's places replaced by the demo's. */
async function replacePlaces(
  tx: Tx,
  organisationId: string,
  activityId: string,
  a: DemoActivity,
  placeIds: Map<string, string>,
): Promise<void> {
  await tx
    .delete(activityPlace)
    .where(
      and(
        eq(activityPlace.organisationId, organisationId),
        eq(activityPlace.activityId, activityId),
      ),
    );
  if (a.places.length > 0) {
    await tx.insert(activityPlace).values(
      a.places.map((code) => {
        const placeId = placeIds.get(code);
        if (!placeId) throw new Error(`seed: activity ${a.code} names unknown place ${code}`);
        return { organisationId, activityId, placeId };
      }),
    );
  }
}

/** An activity's participant count and breakdown replaced by the demo's (the cells go with the count). */
async function replaceParticipation(
  tx: Tx,
  organisationId: string,
  activityId: string,
  a: DemoActivity,
): Promise<void> {
  await tx
    .delete(participationCount)
    .where(
      and(
        eq(participationCount.organisationId, organisationId),
        eq(participationCount.activityId, activityId),
      ),
    );
  if (!a.participants) return;
  await tx.insert(participationCount).values({
    organisationId,
    activityId,
    total: a.participants.total?.value ?? null,
    totalQualifier: a.participants.total?.qualifier ?? 'exact',
    note: a.participants.note ?? null,
  });
  const cells = a.participants.cells ?? [];
  if (cells.length > 0) {
    await tx.insert(participationCell).values(
      cells.map((c) => ({
        organisationId,
        activityId,
        cellKey: cellKeyToString(c.key),
        dims: c.key,
        value: c.value,
        qualifier: c.qualifier ?? 'exact',
      })),
    );
  }
}

/** True when no organisation exists yet: `jalon start` seeds only then. */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(organisation);
  return Number(rows[0]?.n ?? 0) === 0;
}
