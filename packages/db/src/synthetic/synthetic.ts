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
}

export interface SyntheticSummary {
  organisations: string[];
  activities: number;
  people: number;
  participations: number;
  indicators: number;
  grants: number;
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
  const pick = <T>(xs: readonly T[]): T => must(xs[int(xs.length)], 'xs[int(xs.length)]');
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
  const start = `${firstYear}-01-01`;
  const days = 5 * 365;

  const rows: Record<string, CopyValue[][]> = {
    organisation: [],
    programme: [],
    place: [],
    donor: [],
    grant_agreement: [],
    grant_programme: [],
    result_node: [],
    indicator: [],
    target: [],
    activity: [],
    activity_grant: [],
    activity_place: [],
    participation_count: [],
    participation_cell: [],
    person: [],
  };
  const summary: SyntheticSummary = {
    organisations: [],
    activities: 0,
    people: 0,
    participations: 0,
    indicators: 0,
    grants: 0,
  };
  const attendanceBatches: {
    org: string;
    activities: { id: string; date: string; people: number }[];
    persons: { id: string; sex: string; birthYear: number }[];
  }[] = [];

  for (let o = 0; o < orgCount; o++) {
    const perOrg =
      Math.floor(options.participations / orgCount) +
      (o < options.participations % orgCount ? 1 : 0);
    const org = g.uuid();
    const code = `SYN-${options.seed}-${o + 1}`;
    summary.organisations.push(code);
    must(rows.organisation, 'rows.organisation').push([
      org,
      org,
      code,
      `Réseau synthétique ${o + 1}`,
      'national-network',
    ]);
    const programmeIds = new Map(PROGRAMMES.map((p) => [p, g.uuid()]));
    for (const [p, id] of programmeIds)
      must(rows.programme, 'rows.programme').push([id, org, p, p, p]);
    const placeIds: { id: string; path: string }[] = [];
    for (const r of REGIONS) {
      const id = g.uuid();
      must(rows.place, 'rows.place').push([id, org, null, r, r, 'region', r]);
      placeIds.push({ id, path: r });
      for (let c = 1; c <= 3; c++) {
        const cid = g.uuid();
        must(rows.place, 'rows.place').push([
          cid,
          org,
          id,
          `${r}/c${c}`,
          `${r} cercle ${c}`,
          'cercle',
          `${r}/c${c}`,
        ]);
        placeIds.push({ id: cid, path: `${r}/c${c}` });
      }
    }
    const donor = g.uuid();
    must(rows.donor, 'rows.donor').push([donor, org, 'DONOR', 'Bailleur synthétique']);
    const grants: { id: string; code: string; programme: string }[] = [];
    for (const p of PROGRAMMES.slice(0, 4)) {
      const id = g.uuid();
      const gcode = `${code}-G-${p}`;
      grants.push({ id, code: gcode, programme: p });
      must(rows.grant_agreement, 'rows.grant_agreement').push([
        id,
        org,
        donor,
        gcode,
        `Subvention ${p}`,
        start,
        addDays(start, days - 1),
        'XOF',
        1,
      ]);
      must(rows.grant_programme, 'rows.grant_programme').push([
        org,
        id,
        must(programmeIds.get(p), 'programmeIds.get(p)'),
      ]);
      const node = g.uuid();
      must(rows.result_node, 'rows.result_node').push([
        node,
        org,
        id,
        null,
        'output',
        'P1',
        'Produit 1',
        'Output 1',
        0,
      ]);
      for (const ind of syntheticIndicators(gcode, p)) {
        const indId = g.uuid();
        must(rows.indicator, 'rows.indicator').push([
          indId,
          org,
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
        for (let y = 0; y < 5; y++) {
          for (let q = 1; q <= 4; q++) {
            const qs = `${firstYear + y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
            const qe = addDays(
              `${firstYear + y + (q === 4 ? 1 : 0)}-${String(q === 4 ? 1 : q * 3 + 1).padStart(2, '0')}-01`,
              -1,
            );
            must(rows.target, 'rows.target').push([
              g.uuid(),
              org,
              indId,
              `${firstYear + y}-Q${q}`,
              qs,
              qe,
              '',
              50 + g.int(500),
              false,
            ]);
          }
        }
        summary.indicators++;
      }
      summary.grants++;
    }

    // People come back: about five participations per person.
    const persons = Array.from({ length: Math.max(50, Math.round(perOrg / 5)) }, (_, i) => ({
      id: g.uuid(),
      sex: g.next() < 0.45 ? 'female' : 'male',
      birthYear: 1950 + g.int(60),
      code: `${code}-P${i + 1}`,
    }));
    for (const p of persons)
      must(rows.person, 'rows.person').push([p.id, org, p.code, p.sex, p.birthYear]);
    summary.people += persons.length;

    const activities: { id: string; date: string; people: number }[] = [];
    let planned = 0;
    let n = 0;
    while (planned < perOrg) {
      const id = g.uuid();
      const date = addDays(start, g.int(days));
      const programme = g.pick(PROGRAMMES);
      const people = Math.min(perOrg - planned, 5 + g.int(40));
      n++;
      must(rows.activity, 'rows.activity').push([
        id,
        org,
        must(programmeIds.get(programme), 'programmeIds.get(programme)'),
        `${code}-A${n}`,
        `Activité ${n}`,
        g.pick(TYPES),
        'organiser',
        date,
        addDays(date, g.int(3)),
        1 + (g.next() < 0.1 ? g.int(12) : 0),
        'validated',
      ]);
      const grant = grants.find((x) => x.programme === programme);
      if (grant) must(rows.activity_grant, 'rows.activity_grant').push([org, id, grant.id]);
      must(rows.activity_place, 'rows.activity_place').push([org, id, g.pick(placeIds).id]);
      // One activity in ten is known by counts only (a total with women and youth).
      if (g.next() < 0.1) {
        const total = 10 + g.int(200);
        const women = g.int(total + 1);
        must(rows.participation_count, 'rows.participation_count').push([
          org,
          id,
          total,
          g.next() < 0.2 ? 'approximate' : 'exact',
        ]);
        must(rows.participation_cell, 'rows.participation_cell').push([
          org,
          id,
          cellKeyToString({ sex: 'female' }),
          JSON.stringify({ sex: 'female' }),
          women,
          'exact',
        ]);
        if (g.next() < 0.5) {
          const youth = g.int(total + 1);
          must(rows.participation_cell, 'rows.participation_cell').push([
            org,
            id,
            cellKeyToString({ age: 'youth' }),
            JSON.stringify({ age: 'youth' }),
            youth,
            'exact',
          ]);
        }
      } else {
        activities.push({ id, date, people });
        planned += people;
      }
    }
    summary.activities += n;
    attendanceBatches.push({ org, activities, persons });
  }

  const columns: Record<string, string[]> = {
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
    participation_cell: [
      'organisation_id',
      'activity_id',
      'cell_key',
      'dims',
      'value',
      'qualifier',
    ],
    person: ['id', 'organisation_id', 'code', 'sex', 'birth_year'],
  };
  for (const table of Object.keys(columns))
    await handle.copyRows(
      table,
      must(columns[table], 'columns[table]'),
      must(rows[table], 'rows[table]'),
    );

  const ageGroup = (birthYear: number, date: string) => {
    const age = Number(date.slice(0, 4)) - birthYear;
    return age < 18 ? 'child' : age <= 35 ? 'youth' : 'adult';
  };
  function* attendance(): Generator<CopyValue[]> {
    for (const batch of attendanceBatches) {
      for (const a of batch.activities) {
        const seen = new Set<number>();
        for (let k = 0; k < a.people && seen.size < batch.persons.length; k++) {
          let i = g.int(batch.persons.length);
          while (seen.has(i)) i = (i + 1) % batch.persons.length;
          seen.add(i);
          const p = must(batch.persons[i], 'batch.persons[i]');
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
  await handle.copyRows(
    'attendance',
    ['organisation_id', 'activity_id', 'person_id', 'date', 'sex', 'age_group'],
    attendance(),
  );
  // Fresh statistics and visibility map, as autovacuum would leave them (index-only scans).
  await handle.db.execute(sql`vacuum analyze`);
  return summary;
}
