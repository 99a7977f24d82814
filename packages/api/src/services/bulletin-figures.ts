import { sameText } from '../messages';
import {
  WindowCache,
  computeIndicatorInDatabase,
  expectIndicatorInDatabase,
  listProgrammes,
  type Database,
  type ProgrammeRow,
} from '@jalon/db';
import {
  figureOf,
  must,
  type ActivityFilter,
  type Figure,
  type IndicatorDefinition,
  type IndicatorSource,
  type Period,
} from '@jalon/domain';
import { deliverableTypes } from '@jalon/db/schema';

/**
 * A part of the participants as a bulletin quotes it: its value (a lower bound when some of it was
 * never recorded), the interval it lies in when the engine can tell (open above when an activity
 * was not counted), and how many activities were not counted.
 */
export type CellFigure = Figure;

export interface Figures {
  activities: number;
  sessions: number;
  participants: Figure;
  women: Figure;
  youth: Figure;
  deliverables: Partial<Record<(typeof deliverableTypes)[number], number>>;
}

/**
 * The figures of a whole selection, with the distinct named people who took part (open above
 * while some activity's participants were not all named: « au moins 212 »). Asked for the totals
 * only: a count of distinct people per programme is the pivot's.
 */
export type FiguresWithPeople = Figures & { uniquePeople: Figure };

export interface BulletinFigures {
  period: Period;
  totals: FiguresWithPeople & { incidents: number; deaths: number; injuries: number };
  programmes: ({ code: string; name: string; nameEn: string } & Figures)[];
}

function definition(code: string, source: IndicatorSource): IndicatorDefinition {
  return {
    code,
    title: sameText(code),
    unit: 'number',
    direction: 'higher-is-better',
    source,
    timeRule: 'sum',
    cumulative: false,
  };
}

async function valueOf(
  db: Database,
  organisationId: string,
  period: Period,
  source: IndicatorSource,
  cache?: WindowCache,
) {
  const r = await computeIndicatorInDatabase(
    db,
    organisationId,
    definition('bulletin', source),
    period,
    { cache },
  );
  if (!r.ok) throw new Error(`bulletin: ${r.error.message.en}`);
  return r.value;
}

/** What `periodFigures` counts, as indicator sources over the activities a filter selects. */
function periodSources(filter: ActivityFilter) {
  const participation = (where?: Record<string, string>): IndicatorSource => ({
    kind: 'participation',
    measure: 'participations',
    filter,
    ...(where ? { where } : {}),
  });
  return {
    // Women and youth are indicators of their own (`where`), so an activity without figures
    // makes them lower bounds too, exactly as the engine says.
    figures: [
      { kind: 'activities', measure: 'count', filter },
      { kind: 'activities', measure: 'sessions', filter },
      participation(),
      participation({ sex: 'female' }),
      participation({ age: 'youth' }),
    ] satisfies IndicatorSource[],
    deliverables: deliverableTypes.map(
      (type) =>
        [
          type,
          {
            kind: 'deliverables',
            filter: {
              types: [type],
              ...(filter.programmes ? { programmes: filter.programmes } : {}),
              ...(filter.grants ? { grants: filter.grants } : {}),
            },
          } satisfies IndicatorSource,
        ] as const,
    ),
  };
}

const uniquePeopleSource = (filter: ActivityFilter): IndicatorSource => ({
  kind: 'participation',
  measure: 'unique-people',
  filter,
});

/**
 * Tells the request's window cache what `periodFigures` will read (and, with `people`, what
 * `periodFiguresWithPeople` will), so that the readings other figures of the request start (the
 * dashboard's indicators, the bulletin's other programmes) include its filters and counts.
 */
export function expectPeriodFigures(
  period: Period,
  filter: ActivityFilter,
  cache: WindowCache,
  options: { people?: boolean } = {},
): void {
  const { figures, deliverables } = periodSources(filter);
  const people = options.people ? [uniquePeopleSource(filter)] : [];
  for (const source of [...figures, ...deliverables.map(([, d]) => d), ...people])
    expectIndicatorInDatabase(definition('bulletin', source), period, { cache });
}

/**
 * Activities, sessions, participants (women, youth) and deliverables for a period, over the
 * activities a filter selects (programmes, grants…): each an indicator computed in SQL.
 */
export async function periodFigures(
  db: Database,
  organisationId: string,
  period: Period,
  filter: ActivityFilter = {},
  // One reading of the period's activities serves every figure of a request.
  cache: WindowCache = new WindowCache(db, organisationId),
): Promise<Figures> {
  // Announced first: the period's activities are read once with every filter, and the
  // deliverable counts in one statement.
  expectPeriodFigures(period, filter, cache);
  const sources = periodSources(filter);
  const [[activities, sessions, participants, women, youth], counted] = await Promise.all([
    Promise.all(
      sources.figures.map((source) => valueOf(db, organisationId, period, source, cache)),
    ),
    Promise.all(
      sources.deliverables.map(
        async ([type, source]) =>
          [type, (await valueOf(db, organisationId, period, source, cache)).value] as const,
      ),
    ),
  ]);
  const deliverables: Figures['deliverables'] = {};
  for (const [type, value] of counted) if (value > 0) deliverables[type] = value;
  return {
    activities: must(activities, 'activities').value,
    sessions: must(sessions, 'sessions').value,
    participants: figureOf(must(participants, 'participants')),
    women: figureOf(must(women, 'women')),
    youth: figureOf(must(youth, 'youth')),
    deliverables,
  };
}

/**
 * {@link periodFigures} and the distinct named people of the same activities: one COUNT DISTINCT
 * more, through the engine of `indicator.values` (`unique-people`).
 */
export async function periodFiguresWithPeople(
  db: Database,
  organisationId: string,
  period: Period,
  filter: ActivityFilter = {},
  cache: WindowCache = new WindowCache(db, organisationId),
): Promise<FiguresWithPeople> {
  const [figures, people] = await Promise.all([
    periodFigures(db, organisationId, period, filter, cache),
    valueOf(db, organisationId, period, uniquePeopleSource(filter), cache),
  ]);
  return { ...figures, uniquePeople: figureOf(people) };
}

/**
 * The numbers a quarterly bulletin quotes, per programme and in all: activities held (and
 * sessions), participants with women and youth (their bounds when not recorded), incidents with
 * deaths and injuries, and reports produced. Every figure is an indicator computed for the period.
 * Every figure is announced to the window cache before any is read, then all are computed at
 * once: the period's activities are read once with every programme's filter, its deliverables
 * and incidents in one statement, its people in one more (not one reading per programme).
 */
export async function bulletinFigures(
  db: Database,
  organisationId: string,
  period: Period,
  options: { cache?: WindowCache; programmes?: ProgrammeRow[] } = {},
): Promise<BulletinFigures> {
  const programmes = options.programmes ?? (await listProgrammes(db, organisationId));
  const cache = options.cache ?? new WindowCache(db, organisationId);
  const incidentSources = (['count', 'deaths', 'injuries'] as const).map(
    (measure): IndicatorSource => ({ kind: 'incidents', measure }),
  );
  for (const p of programmes) expectPeriodFigures(period, { programmes: [p.code] }, cache);
  expectPeriodFigures(period, {}, cache, { people: true });
  for (const source of incidentSources)
    expectIndicatorInDatabase(definition('bulletin', source), period, { cache });
  const [perProgramme, all, [incidents, deaths, injuries]] = await Promise.all([
    Promise.all(
      programmes.map(async (p) => ({
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        ...(await periodFigures(db, organisationId, period, { programmes: [p.code] }, cache)),
      })),
    ),
    periodFiguresWithPeople(db, organisationId, period, {}, cache),
    Promise.all(
      incidentSources.map((source) => valueOf(db, organisationId, period, source, cache)),
    ),
  ]);
  return {
    period,
    totals: {
      ...all,
      incidents: must(incidents, 'incidents').value,
      deaths: must(deaths, 'deaths').value,
      injuries: must(injuries, 'injuries').value,
    },
    programmes: perProgramme,
  };
}
