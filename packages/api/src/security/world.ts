import {
  commitImport,
  createActivity,
  createIncident,
  findMembership,
  findOrganisationByCode,
  findUserByEmail,
  listActivities,
  listGrants,
  listIndicators,
  listProgrammes,
  moveManualValue,
  queryRows,
  setManualValue,
  sql,
  stageImport,
  type Database,
} from '@jalon/db';
import {
  attendance,
  donor,
  grant,
  grantProgramme,
  indicator,
  organisation,
  person,
  place,
  programme,
  resultNode,
  roles,
  target,
  type Role,
} from '@jalon/db/schema';
import { demoUsers, seedDemo } from '@jalon/db/seed';
import type { Actor } from '../auth/sessions';
import { must } from '@jalon/domain';

/**
 * The data the security suites call procedures on: the demo organisation (A, WANEP-ML) and a
 * small second organisation (B) with a programme, a grant, an activity, an incident, an
 * indicator with a target. Every record B holds carries `ORGB` in its code, so a response that
 * leaks one is found by its text (`leakMarkers`).
 *
 * One change to the demo: PROSMED-CCSC also funds FPS here, so that one record of each kind
 * (the `own` one) is within BOTH narrowed roles' reach — the programme officer of FPS and the
 * donor of PROSMED-CCSC — and their allowed paths are exercised, not only their refusals.
 */
export interface World {
  orgA: string;
  orgB: string;
  a: {
    programmes: { fps: string; news: string; ccsc: string; jf: string };
    grants: {
      prosmed: { id: string; code: string };
      justFuture: { id: string; code: string };
      cedeaoNews: { id: string; code: string };
    };
    activities: {
      /** FPS, funded by PROSMED-CCSC: within both narrowed roles' reach */
      own: { id: string; version: number };
      /** NEWS, funded by CEDEAO-NEWS */
      news: { id: string; version: number };
      /** JF, funded by JUST-FUTURE */
      jf: { id: string; version: number };
      /** drafts of NEWS and JF with nothing on them: what a delete may remove (a validated one it may not) */
      newsDraft: { id: string; version: number };
      jfDraft: { id: string; version: number };
    };
    incidents: { fps: string; news: string };
    indicators: { prosmed: string; news: string; justFuture: string };
    targets: { prosmed: string; news: string; justFuture: string };
    /** a value entered by hand for each of `indicators`, submitted (awaiting validation) */
    manualValues: {
      prosmed: { id: string; version: number };
      news: { id: string; version: number };
      justFuture: { id: string; version: number };
    };
    place: string;
    /** Mali, the country Bamako lies in (a move to the same parent) */
    country: string;
    /** a locality under Bamako that nothing uses (removable) */
    sparePlace: string;
    /** a programme nothing uses (removable) */
    spareProgramme: string;
    /** a grant without programmes, framework or anything using it (removable) */
    spareGrant: string;
    /** a donor no grant names (removable) */
    donor: string;
    /** an indicator without node, targets, values or formulas naming it (removable) */
    spareIndicator: string;
    /** an output of PROSMED-CCSC without indicators (removable) */
    node: string;
    /** the outcome of PROSMED-CCSC that output stands under */
    outcome: string;
    /** an import batch staged (one FPS activity) and one committed (undoable) */
    imports: { staged: string; committed: string };
    /** named participants of the `news` activity: one of A's own code, one whose code B uses too */
    persons: People;
  };
  b: {
    programme: string;
    programmeCode: string;
    grant: { id: string; code: string };
    activity: { id: string; version: number };
    incident: string;
    indicator: string;
    target: string;
    place: string;
    donor: string;
    node: string;
    manualValue: { id: string; version: number };
    imports: { staged: string; committed: string };
    /** named participants of B's activity: one of B's own code, one whose code A uses too */
    persons: People;
  };
  /** A's demo users as the session would make them, by role (programme officer: FPS; donor: PROSMED-CCSC). */
  actors: Record<Role, Actor>;
  /** An administrator of B. */
  adminB: Actor;
  /** Every id and code of B: none may ever appear in what A's users get back. */
  leakMarkers: string[];
}

/** Two people of a register: one of a code only its organisation uses, one of a code both use. */
export interface People {
  named: { id: string; code: string; displayName: string };
  shared: { id: string; code: string; displayName: string };
}

/** The code both organisations' registers hold (a pseudonym is not unique across tenants). */
export const sharedPersonCode = 'PERS-COMMUN';

/**
 * Two people of `organisationId`'s register seen at one of its activities, written as the
 * attendance commands would leave them (the activity's version untouched: samples name it).
 */
async function namedPeople(
  db: Database,
  organisationId: string,
  activityId: string,
  date: string,
  tag: string,
): Promise<People> {
  // Names no word of which the other register's names contain (a search finds words anywhere).
  const names =
    tag === 'ORGB'
      ? ['ORGB Salimata Ouédraogo', 'ORGB Issouf Kaboré']
      : ['Awa Traoré', 'Moussa Coulibaly'];
  const rows = [
    { code: `${tag}-PERS-001`, displayName: must(names[0], 'a name'), sex: 'female' },
    { code: sharedPersonCode, displayName: must(names[1], 'a name'), sex: 'male' },
  ];
  const written = await db
    .insert(person)
    .values(rows.map((r) => ({ organisationId, ...r })))
    .returning({ id: person.id, code: person.code, displayName: person.displayName });
  await db.insert(attendance).values(
    written.map((p) => ({
      organisationId,
      activityId,
      personId: p.id,
      date,
      sex: rows.find((r) => r.code === p.code)?.sex ?? null,
    })),
  );
  const byCode = (code: string) => {
    const p = must(
      written.find((w) => w.code === code),
      `world: the person ${code}`,
    );
    return { id: p.id, code: p.code, displayName: must(p.displayName, 'a display name') };
  };
  return { named: byCode(`${tag}-PERS-001`), shared: byCode(sharedPersonCode) };
}

const one = async <T>(rows: Promise<T[]> | T[], what: string): Promise<T> => {
  const [row] = await rows;
  if (!row) throw new Error(`world: ${what} not found`);
  return row;
};

async function targetId(db: Database, indicatorId: string): Promise<string> {
  const row = await one(
    queryRows<{ id: string }>(
      db,
      sql`select id from target where indicator_id = ${indicatorId} order by period_code limit 1`,
    ),
    `a target of ${indicatorId}`,
  );
  return row.id;
}

/** A value entered by hand for an indicator's 2023-Q2, submitted for validation. */
async function submittedManualValue(
  db: Database,
  organisationId: string,
  indicatorId: string,
): Promise<{ id: string; version: number }> {
  const set = await setManualValue(
    db,
    organisationId,
    {
      indicatorId,
      periodCode: '2023-Q2',
      periodStart: '2023-04-01',
      periodEnd: '2023-06-30',
      cellKey: '',
      value: 5,
      qualifier: 'exact',
      numerator: null,
      denominator: null,
      note: null,
    },
    undefined,
  );
  if (!set.ok) throw new Error(`world: manual value ${JSON.stringify(set.error)}`);
  const moved = await moveManualValue(
    db,
    organisationId,
    set.value.id,
    set.value.version,
    'submit',
  );
  if (!moved.ok) throw new Error(`world: manual value ${JSON.stringify(moved.error)}`);
  return { id: moved.value.id, version: moved.value.version };
}

/** The demo organisation (A) as the samples name it: its id and its records by code. */
interface Demo {
  orgA: string;
  prog: (code: string) => string;
  grantRef: (code: string) => { id: string; code: string };
  /** The donor of one of A's grants. */
  donorOf: (grantCode: string) => string;
  ind: (code: string) => string;
}

/** Seeds the demo and reads its programmes, grants and indicators by code (an unknown code throws). */
async function demoOrganisation(db: Database): Promise<Demo> {
  await seedDemo(db);
  const orgA = must(
    await findOrganisationByCode(db, 'WANEP-ML'),
    "(await findOrganisationByCode(db, 'WANEP-ML'))",
  ).id;
  const programmes = new Map((await listProgrammes(db, orgA)).map((p) => [p.code, p.id]));
  const grants = new Map((await listGrants(db, orgA)).map((g) => [g.code, g]));
  const indicators = new Map((await listIndicators(db, orgA)).map((i) => [i.code, i.id]));
  const byCode =
    <T>(map: Map<string, T>, what: string) =>
    (code: string) => {
      const found = map.get(code);
      if (!found) throw new Error(`world: ${what} ${code}`);
      return found;
    };
  const grantOf = byCode(grants, 'grant');
  return {
    orgA,
    prog: byCode(programmes, 'programme'),
    grantRef: (code) => {
      const g = grantOf(code);
      return { id: g.id, code: g.code };
    },
    donorOf: (code) => grantOf(code).donor.id,
    ind: byCode(indicators, 'indicator'),
  };
}

/** A seeded activity of a programme, preferably one funded by `grantCode`. */
async function activityOf(db: Database, orgA: string, programmeId: string, grantCode: string) {
  const { items } = await listActivities(db, orgA, { programmeIds: [programmeId], limit: 500 });
  const found = items.find((a) => a.grants.some((g) => g.code === grantCode)) ?? items[0];
  if (!found) throw new Error(`world: an activity of ${programmeId}`);
  return { id: found.id, version: found.version };
}

/** FPS's workshop funded by PROSMED-CCSC: within both narrowed roles' reach. */
async function ownActivity(db: Database, orgA: string, fpsId: string, prosmedId: string) {
  const created = await createActivity(db, orgA, {
    programmeId: fpsId,
    code: 'FPS-SECURITE-COMMUNE',
    title: 'Atelier commun FPS / CCS-C',
    type: 'workshop',
    role: 'organiser',
    startDate: '2023-05-10',
    endDate: '2023-05-10',
    sessions: 1,
    placeIds: [],
    grantIds: [prosmedId],
    participants: null,
  });
  if (!created.ok) throw new Error(`world: own activity ${JSON.stringify(created.error)}`);
  return { id: created.value.id, version: created.value.version };
}

/** A draft with nothing on it: what a delete may remove. */
async function draftOf(
  db: Database,
  orgA: string,
  programmeId: string,
  grantId: string,
  code: string,
) {
  const r = await createActivity(db, orgA, {
    programmeId,
    code,
    title: `Brouillon ${code}`,
    type: 'meeting',
    role: 'organiser',
    startDate: '2023-05-11',
    endDate: '2023-05-11',
    sessions: 1,
    placeIds: [],
    grantIds: [grantId],
    participants: null,
  });
  if (!r.ok) throw new Error(`world: draft ${code} ${JSON.stringify(r.error)}`);
  return { id: r.value.id, version: r.value.version };
}

async function incidentOf(db: Database, orgA: string, programmeId: string, code: string) {
  const r = await createIncident(db, orgA, {
    code,
    date: '2023-05-12',
    category: 'women-peace-security',
    deaths: 0,
    injuries: 1,
    verified: true,
    placeId: null,
    programmeId,
    description: null,
  });
  if (!r.ok) throw new Error(`world: incident ${code}`);
  return r.value.id;
}

/** What the structure's mutations may remove: a donor no grant names, a leaf output (and its outcome). */
async function spareStructure(db: Database, orgA: string, prosmedId: string) {
  const [spareDonor] = await db
    .insert(donor)
    .values({ organisationId: orgA, code: 'SPARE-DONOR', name: 'Bailleur sans subvention' })
    .returning({ id: donor.id });
  const outcome = await one(
    queryRows<{ id: string }>(
      db,
      sql`select id from result_node where grant_id = ${prosmedId} and level = 'outcome' order by position limit 1`,
    ),
    'an outcome of PROSMED-CCSC',
  );
  const [leaf] = await db
    .insert(resultNode)
    .values({
      organisationId: orgA,
      grantId: prosmedId,
      parentId: outcome.id,
      level: 'output',
      code: 'P-SPARE',
      title: 'Produit sans indicateur',
      titleEn: 'Output without indicators',
      position: 99,
    })
    .returning({ id: resultNode.id });
  return {
    donor: must(spareDonor, 'spareDonor').id,
    node: must(leaf, 'leaf').id,
    outcome: outcome.id,
  };
}

/** Bamako, Mali, and a locality under Bamako that nothing uses. */
async function placesOfA(db: Database, orgA: string) {
  const placeByCode = async (code: string) =>
    await one(
      queryRows<{ id: string; path: string }>(
        db,
        sql`select id, path from place where organisation_id = ${orgA} and code = ${code}`,
      ),
      code,
    );
  const bamako = await placeByCode('ML-BAMAKO');
  const mali = await placeByCode('ML');
  const [sparePlace] = await db
    .insert(place)
    .values({
      organisationId: orgA,
      parentId: bamako.id,
      code: 'ML-SPARE-LOCALITE',
      name: 'Localité sans usage',
      level: 'locality',
      path: `${bamako.path}/spare-localite`,
    })
    .returning({ id: place.id });
  return { place: bamako.id, country: mali.id, sparePlace: must(sparePlace, 'sparePlace').id };
}

/** A programme, a grant and an indicator that nothing uses (removable). */
async function spareRegisters(db: Database, orgA: string, donorId: string) {
  const [spareProgramme] = await db
    .insert(programme)
    .values({
      organisationId: orgA,
      code: 'SPARE-PROG',
      name: 'Programme sans usage',
      nameEn: 'Unused programme',
    })
    .returning({ id: programme.id });
  const [spareGrant] = await db
    .insert(grant)
    .values({
      organisationId: orgA,
      donorId,
      code: 'SPARE-GRANT',
      title: 'Subvention sans usage',
      startDate: '2023-01-01',
      endDate: '2023-12-31',
    })
    .returning({ id: grant.id });
  const [spareIndicator] = await db
    .insert(indicator)
    .values({
      organisationId: orgA,
      code: 'SPARE-IND',
      title: 'Indicateur sans usage',
      titleEn: 'Unused indicator',
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      sourceKind: 'activities',
      source: { kind: 'activities', measure: 'count' },
    })
    .returning({ id: indicator.id });
  return {
    spareProgramme: must(spareProgramme, 'spareProgramme').id,
    spareGrant: must(spareGrant, 'spareGrant').id,
    spareIndicator: must(spareIndicator, 'spareIndicator').id,
  };
}

/** Organisation B with its imports, its submitted value and its people; every id of it a leak marker. */
async function worldOfB(
  db: Database,
): Promise<{ id: string; b: World['b']; leakMarkers: string[] }> {
  const orgB = await buildOrganisationB(db);
  const imports = await importBatches(db, orgB.id, orgB.records.programme, 'ORGB');
  const manualValue = await submittedManualValue(db, orgB.id, orgB.records.indicator);
  const persons = await namedPeople(db, orgB.id, orgB.records.activity.id, '2023-05-05', 'ORGB');
  return {
    id: orgB.id,
    b: { ...orgB.records, manualValue, imports, persons },
    leakMarkers: [
      orgB.id,
      ...Object.values(orgB.markers),
      manualValue.id,
      imports.staged,
      imports.committed,
      persons.named.id,
      persons.shared.id,
    ],
  };
}

/**
 * Named people on the seeded NEWS activity (validated, never deleted by the samples: one with
 * named people may not be deleted).
 */
async function personsOfA(db: Database, orgA: string, newsId: string): Promise<People> {
  const newsActivity = await activityOf(db, orgA, newsId, 'CEDEAO-NEWS');
  const newsDay = await one(
    queryRows<{ d: string }>(
      db,
      sql`select start_date::text as d from activity where id = ${newsActivity.id}`,
    ),
    'the day of the NEWS activity',
  );
  return namedPeople(db, orgA, newsActivity.id, newsDay.d, 'A');
}

/** A's demo users as the session would make them, by role. */
async function demoActors(db: Database, orgA: string): Promise<Record<Role, Actor>> {
  const actors = {} as Record<Role, Actor>;
  for (const role of roles) {
    const u = must(
      demoUsers.find((d) => d.role === role),
      'demoUsers.find((d) => d.role === role)',
    );
    const user = must(await findUserByEmail(db, u.email), '(await findUserByEmail(db, u.email))');
    const m = must(
      await findMembership(db, orgA, user.id),
      '(await findMembership(db, orgA, user.id))',
    );
    actors[role] = {
      userId: user.id,
      organisationId: orgA,
      role: m.role,
      programmeIds: m.role === 'programme-officer' ? m.programmeIds : [],
      grantIds: m.role === 'donor-viewer' ? m.grantIds : [],
    };
  }
  return actors;
}

/** A's activities, drafts, incidents, indicators with their targets and submitted values. */
async function recordsOfA(
  db: Database,
  { orgA, prog, grantRef, ind }: Demo,
  own: { id: string; version: number },
): Promise<
  Pick<World['a'], 'activities' | 'incidents' | 'indicators' | 'targets' | 'manualValues'>
> {
  return {
    activities: {
      own,
      news: await activityOf(db, orgA, prog('NEWS'), 'CEDEAO-NEWS'),
      jf: await activityOf(db, orgA, prog('JF'), 'JUST-FUTURE'),
      newsDraft: await draftOf(
        db,
        orgA,
        prog('NEWS'),
        grantRef('CEDEAO-NEWS').id,
        'NEWS-BROUILLON-TEST',
      ),
      jfDraft: await draftOf(db, orgA, prog('JF'), grantRef('JUST-FUTURE').id, 'JF-BROUILLON-TEST'),
    },
    incidents: {
      fps: await incidentOf(db, orgA, prog('FPS'), 'FPS-INCIDENT-TEST'),
      news: await incidentOf(db, orgA, prog('NEWS'), 'NEWS-INCIDENT-TEST'),
    },
    indicators: {
      prosmed: ind('CCSC-SESSIONS'),
      news: ind('NEWS-HEBDO'),
      justFuture: ind('JF-LOBBYING'),
    },
    targets: {
      prosmed: await targetId(db, ind('CCSC-SESSIONS')),
      news: await targetId(db, ind('NEWS-HEBDO')),
      justFuture: await targetId(db, ind('JF-LOBBYING')),
    },
    manualValues: {
      prosmed: await submittedManualValue(db, orgA, ind('CCSC-SESSIONS')),
      news: await submittedManualValue(db, orgA, ind('NEWS-HEBDO')),
      justFuture: await submittedManualValue(db, orgA, ind('JF-LOBBYING')),
    },
  };
}

/** Seeds A (the demo) and B, and reads back every id the samples name. */
export async function buildWorld(db: Database): Promise<World> {
  const demo = await demoOrganisation(db);
  const { orgA, prog, grantRef } = demo;
  const prosmed = grantRef('PROSMED-CCSC');
  await db
    .insert(grantProgramme)
    .values({ organisationId: orgA, grantId: prosmed.id, programmeId: prog('FPS') })
    .onConflictDoNothing();
  const own = await ownActivity(db, orgA, prog('FPS'), prosmed.id);
  const structure = await spareStructure(db, orgA, prosmed.id);
  const places = await placesOfA(db, orgA);
  const registers = await spareRegisters(db, orgA, demo.donorOf('PROSMED-CCSC'));
  const orgB = await worldOfB(db);
  const persons = await personsOfA(db, orgA, prog('NEWS'));
  const actors = await demoActors(db, orgA);
  return {
    orgA,
    orgB: orgB.id,
    a: {
      programmes: { fps: prog('FPS'), news: prog('NEWS'), ccsc: prog('CCS-C'), jf: prog('JF') },
      grants: {
        prosmed,
        justFuture: grantRef('JUST-FUTURE'),
        cedeaoNews: grantRef('CEDEAO-NEWS'),
      },
      ...(await recordsOfA(db, demo, own)),
      ...places,
      ...structure,
      ...registers,
      imports: await importBatches(db, orgA, prog('FPS'), 'A'),
      persons,
    },
    b: orgB.b,
    actors,
    adminB: {
      userId: null,
      organisationId: orgB.id,
      role: 'network-admin',
      programmeIds: [],
      grantIds: [],
    },
    leakMarkers: orgB.leakMarkers,
  };
}

/** B's registers: the organisation, a programme, a place, a donor and its grant funding the programme. */
async function registersOfB(db: Database, id: string) {
  await db.insert(organisation).values({
    id,
    organisationId: id,
    code: 'ORGB-RESEAU',
    name: 'ORGB Réseau voisin',
    kind: 'national-network',
    country: 'BF',
  });
  const [p] = await db
    .insert(programme)
    .values({
      organisationId: id,
      code: 'ORGB-PAIX',
      name: 'ORGB Paix',
      nameEn: 'ORGB Peace',
    })
    .returning({ id: programme.id });
  const [pl] = await db
    .insert(place)
    .values({
      organisationId: id,
      code: 'ORGB-OUAGA',
      name: 'ORGB Ouaga',
      level: 'region',
      path: 'orgb-ouaga',
    })
    .returning({ id: place.id });
  const [d] = await db
    .insert(donor)
    .values({ organisationId: id, code: 'ORGB-DONOR', name: 'ORGB Bailleur' })
    .returning({ id: donor.id });
  const [g] = await db
    .insert(grant)
    .values({
      organisationId: id,
      donorId: must(d, 'd').id,
      code: 'ORGB-GRANT',
      title: 'ORGB Subvention',
      startDate: '2023-01-01',
      endDate: '2024-12-31',
    })
    .returning({ id: grant.id });
  const ids = {
    programme: must(p, 'p').id,
    place: must(pl, 'pl').id,
    donor: must(d, 'd').id,
    grant: must(g, 'g').id,
  };
  await db
    .insert(grantProgramme)
    .values({ organisationId: id, grantId: ids.grant, programmeId: ids.programme });
  return ids;
}

/** B's framework: an output of its grant, an indicator under it, a 2023-Q2 target. */
async function resultsOfB(db: Database, id: string, grantId: string) {
  const [node] = await db
    .insert(resultNode)
    .values({
      organisationId: id,
      grantId,
      level: 'output',
      code: 'ORGB-P1',
      title: 'ORGB Produit',
      titleEn: 'ORGB Output',
    })
    .returning({ id: resultNode.id });
  const [i] = await db
    .insert(indicator)
    .values({
      organisationId: id,
      resultNodeId: must(node, 'node').id,
      code: 'ORGB-IND',
      title: 'ORGB Activités',
      titleEn: 'ORGB Activities',
      sourceKind: 'activities',
      source: { kind: 'activities', measure: 'count', filter: {} },
    })
    .returning({ id: indicator.id });
  const [t] = await db
    .insert(target)
    .values({
      organisationId: id,
      indicatorId: must(i, 'i').id,
      periodCode: '2023-Q2',
      periodStart: '2023-04-01',
      periodEnd: '2023-06-30',
      value: 7,
    })
    .returning({ id: target.id });
  return { node: must(node, 'node').id, indicator: must(i, 'i').id, target: must(t, 't').id };
}

/** Organisation B: one record of each kind, with the same dates as A's demo quarter (2023-Q2). */
async function buildOrganisationB(db: Database) {
  const id = '00000000-0000-4000-8000-00000000b000';
  const registers = await registersOfB(db, id);
  const results = await resultsOfB(db, id, registers.grant);
  const a = await createActivity(db, id, {
    programmeId: registers.programme,
    code: 'ORGB-ACT',
    title: 'ORGB Dialogue',
    type: 'dialogue',
    role: 'organiser',
    startDate: '2023-05-05',
    endDate: '2023-05-05',
    sessions: 3,
    placeIds: [registers.place],
    grantIds: [registers.grant],
    participants: { total: { value: 4321, qualifier: 'exact' }, cells: [] },
  });
  if (!a.ok) throw new Error(`world: B's activity ${JSON.stringify(a.error)}`);
  const inc = await createIncident(db, id, {
    code: 'ORGB-INC',
    date: '2023-05-06',
    category: 'democracy-governance',
    deaths: 977,
    injuries: 988,
    verified: true,
    placeId: registers.place,
    programmeId: registers.programme,
    description: 'ORGB incident',
  });
  if (!inc.ok) throw new Error(`world: B's incident`);
  const records = {
    programme: registers.programme,
    programmeCode: 'ORGB-PAIX',
    grant: { id: registers.grant, code: 'ORGB-GRANT' },
    activity: { id: a.value.id, version: a.value.version },
    incident: inc.value.id,
    indicator: results.indicator,
    target: results.target,
    place: registers.place,
    donor: registers.donor,
    node: results.node,
  };
  const markers = {
    code: 'ORGB',
    ...registers,
    ...results,
    activity: a.value.id,
    incident: inc.value.id,
  };
  return { id, records, markers };
}

/**
 * Two import batches of one activity row each: one staged (to plan and commit), one committed
 * (to undo). The activity's title carries the tag (`ORGB` for B, a leak marker).
 */
async function importBatches(
  db: Database,
  organisationId: string,
  programmeId: string,
  tag: string,
) {
  const batch = async (name: string, rejected = false) => {
    const externalId = `${tag}-IMPORT-${name}`;
    const record = {
      externalId,
      programmeId,
      title: `${tag} Atelier importé ${name}`,
      summary: null,
      type: 'workshop',
      role: 'organiser',
      startDate: '2023-06-05',
      endDate: '2023-06-05',
      sessions: 1,
      placeIds: [],
      grantIds: [],
      participants: null,
    };
    const staged = await stageImport(db, organisationId, {
      kind: 'activities',
      source: `file:${tag}`,
      fileName: `${tag}-${name}.csv`,
      sha256: '0'.repeat(64),
      profile: { format: 1 },
      rows: [
        rejected
          ? { rowNumber: 2, externalId, hash: null, action: 'rejected', record: null, issues: [] }
          : { rowNumber: 2, externalId, hash: externalId, action: 'create', record, issues: [] },
      ],
    });
    return staged.id;
  };
  const staged = await batch('staged');
  const committed = await batch('committed', tag === 'ORGB');
  // B's committed batch writes nothing (its one row rejected, the valid rows only): B's figures stay its own.
  const c = await commitImport(db, organisationId, committed, { validOnly: tag === 'ORGB' });
  if (!c.ok) throw new Error(`world: import ${JSON.stringify(c.error)}`);
  return { staged, committed };
}
