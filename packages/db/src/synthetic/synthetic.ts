import { sql } from 'drizzle-orm';
import { must, addDays, cellKeyToString, type IndicatorSource } from '@jalon/domain';
import type { CopyValue, DatabaseHandle } from '../client';

export interface SyntheticOptions {
  /** Attendance rows to generate (participations of named people). */
  participations: number;
  /** Seed of the generator: the same seed gives the same data. */
  seed: number;
  organisations?: number;
  /** First year of the five generated years. */
  firstYear?: number;
  /**
   * Load attendance with `jalon.bulk` on and recount once at the end (the default), or let
   * attendance's triggers keep the counts as the COPY goes (false: what the bulk bench compares).
   */
  bulk?: boolean;
}

export interface SyntheticSummary {
  organisations: string[];
  activities: number;
  people: number;
  participations: number;
  indicators: number;
  grants: number;
  /** Seconds spent loading attendance (its COPY, and the recount of a bulk load). */
  attendanceSeconds: number;
}

/** mulberry32: small, fast and deterministic. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T =>
    must(xs[int(xs.length)], 'a random pick from a non-empty list');
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const uuid = () =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return { next, int, pick, uuid };
}

const PROGRAMMES = ['NEWS', 'FPS', 'JPS', 'CCS-C', 'JF'];
const TYPES = [
  'training',
  'workshop',
  'webinar',
  'dialogue',
  'awareness',
  'lobbying',
  'meeting',
] as const;
const REGIONS = [
  'kayes',
  'koulikoro',
  'sikasso',
  'segou',
  'mopti',
  'tombouctou',
  'gao',
  'bandiagara',
  'san',
  'bamako',
];

/** The indicators every synthetic grant carries: every source the SQL path computes, with breakdowns. */
export function syntheticIndicators(
  grantCode: string,
  programme: string,
): { code: string; source: IndicatorSource; cumulative: boolean; dimensions: string[] }[] {
  const filter = { programmes: [programme], grants: [grantCode] };
  return [
    {
      code: `${grantCode}-ACT`,
      source: { kind: 'activities', measure: 'count', filter },
      cumulative: false,
      dimensions: [],
    },
    {
      code: `${grantCode}-SES`,
      source: { kind: 'activities', measure: 'sessions', filter },
      cumulative: true,
      dimensions: [],
    },
    {
      code: `${grantCode}-PART`,
      source: { kind: 'participation', measure: 'participations', filter },
      cumulative: false,
      dimensions: ['sex', 'age'],
    },
    {
      code: `${grantCode}-UNIQ`,
      source: { kind: 'participation', measure: 'unique-people', filter },
      cumulative: false,
      dimensions: ['sex', 'age'],
    },
    {
      code: `${grantCode}-UNIQ-CUM`,
      source: { kind: 'participation', measure: 'unique-people', filter },
      cumulative: true,
      dimensions: ['sex'],
    },
    {
      code: `${grantCode}-NEW`,
      source: { kind: 'participation', measure: 'new-people', filter },
      cumulative: false,
      dimensions: [],
    },
    {
      code: `${grantCode}-WOMEN`,
      source: {
        kind: 'participation',
        measure: 'participations',
        filter,
        where: { sex: 'female' },
      },
      cumulative: false,
      dimensions: [],
    },
  ];
}

type Random = ReturnType<typeof generator>;
type Rows = Record<keyof typeof COLUMNS, CopyValue[][]>;
interface SyntheticContext {
  g: Random;
  rows: Rows;
  summary: SyntheticSummary;
  org: string;
  code: string;
  start: string;
  days: number;
  firstYear: number;
}
interface AttendanceBatch {
  org: string;
  activities: { id: string; date: string; people: number }[];
  persons: { id: string; sex: string; birthYear: number }[];
}

/** The COPY column list of every table the generator fills, in load order. */
const COLUMNS = {
  organisation: ['id', 'organisation_id', 'code', 'name', 'kind'],
  programme: ['id', 'organisation_id', 'code', 'name', 'name_en'],
  place: ['id', 'organisation_id', 'parent_id', 'code', 'name', 'level', 'path'],
  donor: ['id', 'organisation_id', 'code', 'name'],
  grant_agreement: [
    'id',
    'organisation_id',
    'donor_id',
    'code',
    'title',
    'start_date',
    'end_date',
    'currency',
    'fiscal_year_start_month',
  ],
  grant_programme: ['organisation_id', 'grant_id', 'programme_id'],
  result_node: [
    'id',
    'organisation_id',
    'grant_id',
    'parent_id',
    'level',
    'code',
    'title',
    'title_en',
    'position',
  ],
  indicator: [
    'id',
    'organisation_id',
    'result_node_id',
    'code',
    'title',
    'title_en',
    'unit',
    'direction',
    'time_rule',
    'cumulative',
    'source_kind',
    'source',
    'dimensions',
  ],
  target: [
    'id',
    'organisation_id',
    'indicator_id',
    'period_code',
    'period_start',
    'period_end',
    'cell_key',
    'value',
    'life_of_grant',
  ],
  activity: [
    'id',
    'organisation_id',
    'programme_id',
    'code',
    'title',
    'type',
    'role',
    'start_date',
    'end_date',
    'sessions',
    'status',
  ],
  activity_grant: ['organisation_id', 'activity_id', 'grant_id'],
  activity_place: ['organisation_id', 'activity_id', 'place_id'],
  participation_count: ['organisation_id', 'activity_id', 'total', 'total_qualifier'],
  participation_cell: ['organisation_id', 'activity_id', 'cell_key', 'dims', 'value', 'qualifier'],
  person: ['id', 'organisation_id', 'code', 'sex', 'birth_year'],
} as const;

function emptyRows(): Rows {
  return Object.fromEntries(Object.keys(COLUMNS).map((t) => [t, []])) as unknown as Rows;
}

/** The organisation's programmes; returns their ids by code. */
function addProgrammes(c: SyntheticContext): Map<string, string> {
  const programmeIds = new Map(PROGRAMMES.map((p) => [p, c.g.uuid()]));
  for (const [p, id] of programmeIds) c.rows.programme.push([id, c.org, p, p, p]);
  return programmeIds;
}

/** Every region with three cercles under it. */
function addPlaces(c: SyntheticContext): { id: string; path: string }[] {
  const placeIds: { id: string; path: string }[] = [];
  for (const r of REGIONS) {
    const id = c.g.uuid();
    c.rows.place.push([id, c.org, null, r, r, 'region', r]);
    placeIds.push({ id, path: r });
    for (let k = 1; k <= 3; k++) {
      const cid = c.g.uuid();
      c.rows.place.push([cid, c.org, id, `${r}/c${k}`, `${r} cercle ${k}`, 'cercle', `${r}/c${k}`]);
      placeIds.push({ id: cid, path: `${r}/c${k}` });
    }
  }
  return placeIds;
}

/** Twenty quarterly targets (five years) of one indicator. */
function addQuarterTargets(c: SyntheticContext, indId: string): void {
  for (let y = 0; y < 5; y++) {
    for (let q = 1; q <= 4; q++) {
      const qs = `${c.firstYear + y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
      const qe = addDays(
        `${c.firstYear + y + (q === 4 ? 1 : 0)}-${String(q === 4 ? 1 : q * 3 + 1).padStart(2, '0')}-01`,
        -1,
      );
      c.rows.target.push([
        c.g.uuid(),
        c.org,
        indId,
        `${c.firstYear + y}-Q${q}`,
        qs,
        qe,
        '',
        50 + c.g.int(500),
        false,
      ]);
    }
  }
}

/** One grant per programme but the last, each with one output and the synthetic indicators. */
function addGrants(
  c: SyntheticContext,
  programmeIds: Map<string, string>,
): { id: string; code: string; programme: string }[] {
  const donor = c.g.uuid();
  c.rows.donor.push([donor, c.org, 'DONOR', 'Bailleur synthétique']);
  const grants: { id: string; code: string; programme: string }[] = [];
  for (const p of PROGRAMMES.slice(0, 4)) {
    const id = c.g.uuid();
    const gcode = `${c.code}-G-${p}`;
    grants.push({ id, code: gcode, programme: p });
    c.rows.grant_agreement.push([
      id,
      c.org,
      donor,
      gcode,
      `Subvention ${p}`,
      c.start,
      addDays(c.start, c.days - 1),
      'XOF',
      1,
    ]);
    c.rows.grant_programme.push([
      c.org,
      id,
      must(programmeIds.get(p), 'the id of a synthetic programme'),
    ]);
    const node = c.g.uuid();
    c.rows.result_node.push([node, c.org, id, null, 'output', 'P1', 'Produit 1', 'Output 1', 0]);
    for (const ind of syntheticIndicators(gcode, p)) {
      const indId = c.g.uuid();
      c.rows.indicator.push([
        indId,
        c.org,
        node,
        ind.code,
        ind.code,
        ind.code,
        'number',
        'higher-is-better',
        'sum',
        ind.cumulative,
        ind.source.kind,
        JSON.stringify(ind.source),
        JSON.stringify(ind.dimensions),
      ]);
      addQuarterTargets(c, indId);
      c.summary.indicators++;
    }
    c.summary.grants++;
  }
  return grants;
}

/** People come back: about five participations per person. */
function addPersons(c: SyntheticContext, perOrg: number): AttendanceBatch['persons'] {
  const persons = Array.from({ length: Math.max(50, Math.round(perOrg / 5)) }, (_, i) => ({
    id: c.g.uuid(),
    sex: c.g.next() < 0.45 ? 'female' : 'male',
    birthYear: 1950 + c.g.int(60),
    code: `${c.code}-P${i + 1}`,
  }));
  for (const p of persons) c.rows.person.push([p.id, c.org, p.code, p.sex, p.birthYear]);
  c.summary.people += persons.length;
  return persons;
}

/** Counts of an activity known by counts only: a total with women, and youth one time in two. */
function addCounts(c: SyntheticContext, id: string): void {
  const total = 10 + c.g.int(200);
  const women = c.g.int(total + 1);
  c.rows.participation_count.push([c.org, id, total, c.g.next() < 0.2 ? 'approximate' : 'exact']);
  c.rows.participation_cell.push([
    c.org,
    id,
    cellKeyToString({ sex: 'female' }),
    JSON.stringify({ sex: 'female' }),
    women,
    'exact',
  ]);
  if (c.g.next() < 0.5) {
    const youth = c.g.int(total + 1);
    c.rows.participation_cell.push([
      c.org,
      id,
      cellKeyToString({ age: 'youth' }),
      JSON.stringify({ age: 'youth' }),
      youth,
      'exact',
    ]);
  }
}

/** Activities until `perOrg` attendances are planned; returns those with named attendance. */
function addActivities(
  c: SyntheticContext,
  perOrg: number,
  programmeIds: Map<string, string>,
  grants: { id: string; programme: string }[],
  placeIds: { id: string }[],
): AttendanceBatch['activities'] {
  const g = c.g;
  const activities: AttendanceBatch['activities'] = [];
  let planned = 0;
  let n = 0;
  while (planned < perOrg) {
    const id = g.uuid();
    const date = addDays(c.start, g.int(c.days));
    const programme = g.pick(PROGRAMMES);
    const people = Math.min(perOrg - planned, 5 + g.int(40));
    n++;
    c.rows.activity.push([
      id,
      c.org,
      must(programmeIds.get(programme), 'the id of a synthetic programme'),
      `${c.code}-A${n}`,
      `Activité ${n}`,
      g.pick(TYPES),
      'organiser',
      date,
      addDays(date, g.int(3)),
      1 + (g.next() < 0.1 ? g.int(12) : 0),
      'validated',
    ]);
    const grant = grants.find((x) => x.programme === programme);
    if (grant) c.rows.activity_grant.push([c.org, id, grant.id]);
    c.rows.activity_place.push([c.org, id, g.pick(placeIds).id]);
    // One activity in ten is known by counts only (a total with women and youth).
    if (g.next() < 0.1) addCounts(c, id);
    else {
      activities.push({ id, date, people });
      planned += people;
    }
  }
  c.summary.activities += n;
  return activities;
}

function ageGroup(birthYear: number, date: string): string {
  const age = Number(date.slice(0, 4)) - birthYear;
  return age < 18 ? 'child' : age <= 35 ? 'youth' : 'adult';
}

/** The attendance rows, generated while COPY streams them. */
function* attendance(
  g: Random,
  batches: AttendanceBatch[],
  summary: SyntheticSummary,
): Generator<CopyValue[]> {
  for (const batch of batches) {
    for (const a of batch.activities) {
      const seen = new Set<number>();
      for (let k = 0; k < a.people && seen.size < batch.persons.length; k++) {
        let i = g.int(batch.persons.length);
        while (seen.has(i)) i = (i + 1) % batch.persons.length;
        seen.add(i);
        const p = must(batch.persons[i], 'a person of the synthetic batch');
        // One attendance in twenty has no recorded sex: the engine's bounds must show it.
        yield [
          batch.org,
          a.id,
          p.id,
          a.date,
          g.next() < 0.05 ? null : p.sex,
          ageGroup(p.birthYear, a.date),
        ];
        summary.participations++;
      }
    }
  }
}

/**
 * A deterministic large data set for tests and benchmarks: several organisations over five years,
 * activities under programmes and grants in Mali's regions, and `participations` attendance rows
 * of named people (about a fifth as many people as participations, so people come back), plus
 * some activities known only by counts. Loaded with COPY.
 */
export async function seedSynthetic(
  handle: DatabaseHandle,
  options: SyntheticOptions,
): Promise<SyntheticSummary> {
  const g = generator(options.seed);
  const orgCount = options.organisations ?? 3;
  const firstYear = options.firstYear ?? 2019;
  const rows = emptyRows();
  const summary: SyntheticSummary = {
    organisations: [],
    activities: 0,
    people: 0,
    participations: 0,
    indicators: 0,
    grants: 0,
    attendanceSeconds: 0,
  };
  const batches: AttendanceBatch[] = [];

  for (let o = 0; o < orgCount; o++) {
    const perOrg =
      Math.floor(options.participations / orgCount) +
      (o < options.participations % orgCount ? 1 : 0);
    const org = g.uuid();
    const code = `SYN-${options.seed}-${o + 1}`;
    const c: SyntheticContext = {
      g,
      rows,
      summary,
      org,
      code,
      start: `${firstYear}-01-01`,
      days: 5 * 365,
      firstYear,
    };
    summary.organisations.push(code);
    rows.organisation.push([org, org, code, `Réseau synthétique ${o + 1}`, 'national-network']);
    const programmeIds = addProgrammes(c);
    const placeIds = addPlaces(c);
    const grants = addGrants(c, programmeIds);
    const persons = addPersons(c, perOrg);
    const activities = addActivities(c, perOrg, programmeIds, grants, placeIds);
    batches.push({ org, activities, persons });
  }

  for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[])
    await handle.copyRows(table, [...COLUMNS[table]], rows[table]);
  const started = performance.now();
  await handle.copyRows(
    'attendance',
    ['organisation_id', 'activity_id', 'person_id', 'date', 'sex', 'age_group'],
    attendance(g, batches, summary),
    // Nobody else writes the fresh set: the kept counts are recounted once after the load
    // instead of by attendance's triggers on every COPY statement.
    { bulk: options.bulk ?? true },
  );
  summary.attendanceSeconds = (performance.now() - started) / 1000;
  // Fresh statistics and visibility map, as autovacuum would leave them (index-only scans).
  await handle.db.execute(sql`vacuum analyze`);
  return summary;
}
