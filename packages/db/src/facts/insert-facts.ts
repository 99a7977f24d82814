import { randomUUID } from 'node:crypto';
import { must, cellKeyToString, type Facts } from '@jalon/domain';
import type { Database } from '../client';
import {
  activity,
  activityGrant,
  activityPlace,
  attendance,
  deliverable,
  donor,
  grant,
  incident,
  organisation,
  participationCell,
  participationCount,
  person,
  place,
  programme,
  type ActivityType,
  type DeliverableType,
  type IncidentCategory,
} from '../schema/index';
import type { Tx } from '../command';

const CHUNK = 1000;

async function insertChunked<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

type Activities = NonNullable<Facts['activities']>;
type Deliverables = NonNullable<Facts['deliverables']>;
type Incidents = NonNullable<Facts['incidents']>;
/** The transaction and the organisation every step writes into. */
interface Into {
  tx: Tx;
  organisationId: string;
}

/**
 * Writes domain facts (codes and place paths, as the engine reads them) into a new organisation,
 * creating the programmes, grants, places and people they name. Activity and person ids are kept,
 * so ties the engine breaks by id are broken the same way in SQL. For tests and synthetic data.
 */
export async function insertFacts(
  db: Database,
  facts: Facts,
  options: { organisationCode?: string } = {},
): Promise<string> {
  const organisationId = randomUUID();
  await db.transaction(async (tx: Tx) => {
    const into: Into = { tx, organisationId };
    await tx.insert(organisation).values({
      id: organisationId,
      organisationId,
      code: options.organisationCode ?? `TEST-${organisationId.slice(0, 8)}`,
      name: 'Organisation de test',
      kind: 'national-network',
    });
    const activities = facts.activities ?? [];
    const deliverables = facts.deliverables ?? [];
    const incidents = facts.incidents ?? [];
    const programmeIds = await insertProgrammes(into, activities, deliverables);
    const grantIds = await insertGrants(into, activities, deliverables);
    const placeIds = await insertPlaces(into, activities, incidents);
    await insertActivities(into, activities, { programmeIds, grantIds, placeIds });
    await insertParticipation(into, activities);
    await insertAttendance(into, facts.attendance ?? []);
    await insertIncidents(into, incidents, placeIds);
    await insertDeliverables(into, deliverables, programmeIds, grantIds);
  });
  return organisationId;
}

async function insertProgrammes(
  { tx, organisationId }: Into,
  activities: Activities,
  deliverables: Deliverables,
): Promise<Map<string, string>> {
  const programmeCodes = new Set([
    ...activities.map((a) => a.programme),
    ...deliverables.map((d) => d.programme),
  ]);
  const programmeIds = new Map<string, string>();
  for (const code of programmeCodes) {
    const [row] = await tx
      .insert(programme)
      .values({ organisationId, code, name: code, nameEn: code })
      .returning({ id: programme.id });
    programmeIds.set(code, must(row, 'the programme just written').id);
  }
  return programmeIds;
}

/** The grants the facts name, all from one donor. */
async function insertGrants(
  { tx, organisationId }: Into,
  activities: Activities,
  deliverables: Deliverables,
): Promise<Map<string, string>> {
  const grantCodes = new Set([
    ...activities.flatMap((a) => a.grants),
    ...deliverables.flatMap((d) => d.grants ?? []),
  ]);
  const grantIds = new Map<string, string>();
  if (grantCodes.size === 0) return grantIds;
  const [d] = await tx
    .insert(donor)
    .values({ organisationId, code: 'DONOR', name: 'Donor' })
    .returning({ id: donor.id });
  for (const code of grantCodes) {
    const [row] = await tx
      .insert(grant)
      .values({
        organisationId,
        donorId: must(d, 'the donor of the synthetic grants').id,
        code,
        title: code,
        startDate: '2000-01-01',
        endDate: '2099-12-31',
      })
      .returning({ id: grant.id });
    grantIds.set(code, must(row, 'the grant just written').id);
  }
  return grantIds;
}

/** Every place path the facts name, with its ancestors, parents first. */
async function insertPlaces(
  { tx, organisationId }: Into,
  activities: Activities,
  incidents: Incidents,
): Promise<Map<string, string>> {
  const paths = new Set([
    ...activities.flatMap((a) => a.places),
    ...incidents.map((i) => i.place).filter((p) => p !== ''),
  ]);
  const placeIds = new Map<string, string>();
  const withParents = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) withParents.add(parts.slice(0, i).join('/'));
  }
  for (const path of [...withParents].sort((a, b) => a.split('/').length - b.split('/').length)) {
    const depth = path.split('/').length;
    const parent = path.includes('/')
      ? placeIds.get(path.slice(0, path.lastIndexOf('/')))
      : undefined;
    const [row] = await tx
      .insert(place)
      .values({
        organisationId,
        code: path,
        name: path,
        path,
        parentId: parent,
        level: depth === 1 ? 'region' : depth === 2 ? 'cercle' : 'commune',
      })
      .returning({ id: place.id });
    placeIds.set(path, must(row, 'the place just written').id);
  }
  return placeIds;
}

/** Activities with their grant and place links. */
async function insertActivities(
  { tx, organisationId }: Into,
  activities: Activities,
  ids: {
    programmeIds: Map<string, string>;
    grantIds: Map<string, string>;
    placeIds: Map<string, string>;
  },
): Promise<void> {
  await insertChunked([...activities], (chunk) =>
    tx.insert(activity).values(
      chunk.map((a) => ({
        id: a.id,
        organisationId,
        programmeId: must(ids.programmeIds.get(a.programme), 'the id of an activity’s programme'),
        code: a.id,
        title: a.id,
        type: a.type as ActivityType,
        startDate: a.date,
        endDate: a.endDate,
        sessions: a.sessions,
      })),
    ),
  );
  const links = activities.flatMap((a) =>
    a.grants.map((g) => ({
      organisationId,
      activityId: a.id,
      grantId: must(ids.grantIds.get(g), 'the id of an activity’s grant'),
    })),
  );
  await insertChunked(links, (chunk) =>
    tx.insert(activityGrant).values(chunk).onConflictDoNothing(),
  );
  const placed = activities.flatMap((a) =>
    [...new Set(a.places)].map((p) => ({
      organisationId,
      activityId: a.id,
      placeId: must(ids.placeIds.get(p), 'the id of an activity’s place'),
    })),
  );
  await insertChunked(placed, (chunk) => tx.insert(activityPlace).values(chunk));
}

/** Participation known by counts: the total and its cells. */
async function insertParticipation(
  { tx, organisationId }: Into,
  activities: Activities,
): Promise<void> {
  const counted = activities.filter((a) => a.participation);
  await insertChunked(counted, (chunk) =>
    tx.insert(participationCount).values(
      chunk.map((a) => ({
        organisationId,
        activityId: a.id,
        total:
          must(a.participation, 'the participant counts of a counted activity').total?.value ??
          null,
        totalQualifier:
          must(a.participation, 'the participant counts of a counted activity').total?.qualifier ??
          'exact',
      })),
    ),
  );
  const cells = counted.flatMap((a) =>
    must(a.participation, 'the participant counts of a counted activity').cells.map((c) => ({
      organisationId,
      activityId: a.id,
      cellKey: cellKeyToString(c.key),
      dims: { ...c.key },
      value: c.value,
      qualifier: c.qualifier,
    })),
  );
  await insertChunked(cells, (chunk) => tx.insert(participationCell).values(chunk));
}

/** The people attendance names, then the attendance rows. */
async function insertAttendance(
  { tx, organisationId }: Into,
  rows: NonNullable<Facts['attendance']>,
): Promise<void> {
  const people = [...new Set(rows.map((r) => r.personId))];
  await insertChunked(people, (chunk) =>
    tx.insert(person).values(chunk.map((id) => ({ id, organisationId, code: id }))),
  );
  await insertChunked([...rows], (chunk) =>
    tx.insert(attendance).values(
      chunk.map((r) => {
        const { sex, age, disability, category, ...extra } = r.attributes;
        return {
          organisationId,
          activityId: r.activityId,
          personId: r.personId,
          date: r.date,
          sex: sex ?? null,
          ageGroup: age ?? null,
          disability: disability ?? null,
          category: category ?? null,
          extra: Object.keys(extra).length ? extra : null,
        };
      }),
    ),
  );
}

async function insertIncidents(
  { tx, organisationId }: Into,
  incidents: Incidents,
  placeIds: Map<string, string>,
): Promise<void> {
  await insertChunked([...incidents], (chunk) =>
    tx.insert(incident).values(
      chunk.map((i) => ({
        id: i.id,
        organisationId,
        code: i.id,
        date: i.date,
        placeId:
          i.place === '' ? null : must(placeIds.get(i.place), 'the id of an incident’s place'),
        category: i.category as IncidentCategory,
        deaths: i.deaths,
        injuries: i.injuries,
        verified: i.verified,
      })),
    ),
  );
}

async function insertDeliverables(
  { tx, organisationId }: Into,
  deliverables: Deliverables,
  programmeIds: Map<string, string>,
  grantIds: Map<string, string>,
): Promise<void> {
  await insertChunked([...deliverables], (chunk) =>
    tx.insert(deliverable).values(
      chunk.map((d) => ({
        organisationId,
        code: d.id,
        programmeId: must(programmeIds.get(d.programme), 'the id of a deliverable’s programme'),
        grantId: d.grants?.[0]
          ? must(grantIds.get(d.grants[0]), 'the id of a deliverable’s grant')
          : null,
        type: d.type as DeliverableType,
        title: d.id,
        date: d.date,
      })),
    ),
  );
}
