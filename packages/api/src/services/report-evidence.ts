import { messageText, sameText } from '../messages';
import {
  computeIndicatorInDatabase,
  listActivities,
  type ActivityRow,
  type Database,
  type IndicatorRow,
} from '@jalon/db';
import { activityTypes, deliverableTypes, incidentCategories } from '@jalon/db/schema';
import {
  checkConsistency,
  DEFAULT_DIMENSIONS,
  matchesActivity,
  type ActivityFilter,
  type CountRecord,
  type IndicatorSource,
  type LocalizedText,
  type Period,
} from '@jalon/domain';
import type {
  Activity,
  DataQualityFinding,
  DeliverableCount,
  IncidentSummary,
} from '@jalon/reports';

/*
 * What a donor report and a bulletin show as evidence: the activities of a period, their
 * data-quality findings, the incidents and the products counted. Shared by the report and bulletin
 * model builders so both read the database the same way.
 */

/** Activity types as the web app names them (apps/web/messages). */
export const ACTIVITY_TYPE_LABELS: Readonly<Record<string, LocalizedText>> = Object.fromEntries(
  activityTypes.map((type) => [type, messageText(`activity-type.${type}`)]),
);

/** The four domains of the NEWS-Mali bulletin. */
export const INCIDENT_CATEGORY_LABELS = Object.fromEntries(
  incidentCategories.map((c) => [c, messageText(`incident-category.${c}`)]),
) as Readonly<Record<(typeof incidentCategories)[number], LocalizedText>>;

/** Products, singular and plural, as the bulletin writes them. */
export const DELIVERABLE_LABELS = Object.fromEntries(
  deliverableTypes.map((d) => {
    const [one, other] = [
      messageText(`deliverable.${d}.one`),
      messageText(`deliverable.${d}.other`),
    ];
    return [d, { fr: { one: one.fr, other: other.fr }, en: { one: one.en, other: other.en } }];
  }),
) as Readonly<Record<(typeof deliverableTypes)[number], DeliverableCount['label']>>;

const PAGE = 500;

/**
 * Every activity that starts in the period, read page by page (the repository caps a page at 500),
 * with the codes of the grants each one reports to.
 */
export async function activitiesOfPeriod(
  db: Database,
  organisationId: string,
  period: Pick<Period, 'start' | 'end'>,
  onPage?: (read: number, total: number) => void,
): Promise<{ row: ActivityRow; grants: string[] }[]> {
  const out: { row: ActivityRow; grants: string[] }[] = [];
  const grantCodes = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await listActivities(db, organisationId, {
      from: period.start,
      to: period.end,
      limit: PAGE,
      offset,
    });
    if (page.items.length === 0) break;
    const links = await db.query.activityGrant.findMany({
      columns: { activityId: true, grantId: true },
      where: (ag, { and, eq, inArray }) =>
        and(
          eq(ag.organisationId, organisationId),
          inArray(
            ag.activityId,
            page.items.map((a) => a.id),
          ),
        ),
    });
    const missing = [...new Set(links.map((l) => l.grantId))].filter((id) => !grantCodes.has(id));
    if (missing.length > 0) {
      const grants = await db.query.grant.findMany({
        columns: { id: true, code: true },
        where: (g, { and, eq, inArray }) =>
          and(eq(g.organisationId, organisationId), inArray(g.id, missing)),
      });
      for (const g of grants) grantCodes.set(g.id, g.code);
    }
    for (const row of page.items) {
      const grants = links
        .filter((l) => l.activityId === row.id)
        .map((l) => grantCodes.get(l.grantId) ?? l.grantId);
      out.push({ row, grants: grants.sort() });
    }
    onPage?.(out.length, page.total);
    if (offset + PAGE >= page.total) break;
  }
  return out;
}

const LEVEL_RANK: Record<string, number> = {
  country: 0,
  region: 1,
  cercle: 2,
  commune: 3,
  locality: 4,
};

/** The participants of an activity as recorded; no record at all reads as an unknown total. */
export function participantsOf(row: ActivityRow): CountRecord {
  return row.participants
    ? { total: row.participants.total, cells: row.participants.cells }
    : { total: null, cells: [] };
}

/**
 * An activity as a row of evidence. `indicators` are the grant's indicators the activity counts
 * towards (activity and participation sources whose filter it passes; a filter on places is not
 * claimed, since the row carries place names, not their paths).
 */
export function toEvidence(
  row: ActivityRow,
  grants: string[],
  indicators: readonly IndicatorRow[] = [],
): Activity {
  const fact = {
    id: row.id,
    date: row.startDate,
    endDate: row.endDate,
    programme: row.programme.code,
    grants,
    type: row.type,
    places: [],
    sessions: row.sessions,
    participation: null,
  };
  const counted = indicators.filter((i) => {
    const source = i.source as IndicatorSource;
    if (source.kind !== 'activities' && source.kind !== 'participation') return false;
    return matchesActivity(fact, (source.filter ?? {}) as ActivityFilter);
  });
  return {
    id: row.code,
    date: row.startDate,
    endDate: row.endDate,
    sessions: row.sessions,
    title: row.title,
    type: row.type,
    typeLabel: ACTIVITY_TYPE_LABELS[row.type] ?? sameText(row.type),
    programmeCode: row.programme.code,
    places: [...row.places]
      .sort((a, b) => (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9))
      .map((p) => p.name),
    participants: participantsOf(row),
    grantCodes: grants,
    indicatorCodes: counted.map((i) => i.code),
    status: row.status,
  };
}

/**
 * Data-quality findings of the activities: the domain's consistency check on each participation
 * record, plus activities with no participant count, counts with no breakdown at all, and
 * activities counted though not validated yet.
 */
export function dataQualityFindings(activities: readonly Activity[]): DataQualityFinding[] {
  const out: DataQualityFinding[] = [];
  for (const a of activities) {
    const where = { activityId: a.id, date: a.date, subject: a.title };
    for (const issue of checkConsistency(a.participants, DEFAULT_DIMENSIONS)) {
      out.push({ severity: issue.severity, code: issue.code, ...where, message: issue.message });
    }
    if (a.participants.total === null && a.participants.cells.length === 0) {
      out.push({
        severity: 'warning',
        code: 'participants-missing',
        ...where,
        message: messageText('evidence.participants-missing'),
      });
    } else if (a.participants.cells.length === 0) {
      out.push({
        severity: 'warning',
        code: 'not-disaggregated',
        ...where,
        message: messageText('evidence.not-disaggregated'),
      });
    }
    // Reports count what is recorded; the donor is told what nobody has validated yet.
    if (a.status && a.status !== 'validated')
      out.push({
        severity: 'warning',
        code: 'not-validated',
        ...where,
        message:
          a.status === 'draft' ? messageText('evidence.draft') : messageText('evidence.submitted'),
      });
  }
  return out;
}

function definition(source: IndicatorSource) {
  return {
    code: 'evidence',
    title: sameText('evidence'),
    unit: 'number' as const,
    direction: 'higher-is-better' as const,
    source,
    timeRule: 'sum' as const,
    cumulative: false,
  };
}

/** One figure computed in the database over the period (an indicator that is never stored). */
export async function figure(
  db: Database,
  organisationId: string,
  period: Period,
  source: IndicatorSource,
): Promise<number> {
  const r = await computeIndicatorInDatabase(db, organisationId, definition(source), period);
  if (!r.ok) throw new Error(`evidence: ${r.error.message.en}`);
  return r.value.value;
}

/** The programmes, among these, that have incidents dated in the period. */
async function programmesWithIncidents(
  db: Database,
  organisationId: string,
  period: Period,
  programmes: readonly { id: string; code: string }[],
) {
  const found: { id: string; code: string }[] = [];
  for (const p of programmes) {
    const any = await db.query.incident.findFirst({
      columns: { id: true },
      where: (i, { and, eq, gte, lte }) =>
        and(
          eq(i.organisationId, organisationId),
          eq(i.programmeId, p.id),
          gte(i.date, period.start),
          lte(i.date, period.end),
        ),
    });
    if (any) found.push(p);
  }
  return found;
}

/**
 * The incidents of the period by programme, with their split by domain. Incident sources cannot
 * filter on a programme, so the figures are computed in SQL when one programme holds all the
 * period's incidents (the usual case: NEWS); when several do, each one's rows are added up here.
 */
export async function incidentSummaries(
  db: Database,
  organisationId: string,
  period: Period,
  programmes: readonly { id: string; code: string }[],
): Promise<IncidentSummary[]> {
  const holders = await programmesWithIncidents(db, organisationId, period, programmes);
  if (holders.length === 0) return [];
  const allIncidents = await db.query.incident.findFirst({
    columns: { id: true },
    where: (i, { and, eq, gte, lte, or, isNull, notInArray }) =>
      and(
        eq(i.organisationId, organisationId),
        gte(i.date, period.start),
        lte(i.date, period.end),
        or(
          isNull(i.programmeId),
          notInArray(
            i.programmeId,
            holders.map((h) => h.id),
          ),
        ),
      ),
  });
  const holder = holders[0];
  if (holders.length === 1 && holder && !allIncidents) {
    const measure = async (filter: { categories?: string[] }) => {
      const [incidents, deaths, injuries] = await Promise.all(
        (['count', 'deaths', 'injuries'] as const).map((m) =>
          figure(db, organisationId, period, { kind: 'incidents', measure: m, filter }),
        ),
      );
      return { incidents: incidents ?? 0, deaths: deaths ?? 0, injuries: injuries ?? 0 };
    };
    const byCategory = [];
    for (const code of incidentCategories) {
      const m = await measure({ categories: [code] });
      if (m.incidents > 0) byCategory.push({ code, label: INCIDENT_CATEGORY_LABELS[code], ...m });
    }
    return [{ programmeCode: holder.code, total: await measure({}), byCategory }];
  }
  const out: IncidentSummary[] = [];
  for (const p of holders) {
    const rows = await db.query.incident.findMany({
      columns: { category: true, deaths: true, injuries: true },
      where: (i, { and, eq, gte, lte }) =>
        and(
          eq(i.organisationId, organisationId),
          eq(i.programmeId, p.id),
          gte(i.date, period.start),
          lte(i.date, period.end),
        ),
    });
    const add = (rs: typeof rows) => ({
      incidents: rs.length,
      deaths: rs.reduce((s, r) => s + r.deaths, 0),
      injuries: rs.reduce((s, r) => s + r.injuries, 0),
    });
    const byCategory = incidentCategories
      .map((code) => ({
        code,
        label: INCIDENT_CATEGORY_LABELS[code],
        ...add(rows.filter((r) => r.category === code)),
      }))
      .filter((c) => c.incidents > 0);
    out.push({ programmeCode: p.code, total: add(rows), byCategory });
  }
  return out;
}

/** Products of the period per programme (and grant, when given), by type; types with none are left out. */
export async function deliverableCounts(
  db: Database,
  organisationId: string,
  period: Period,
  programmes: readonly string[],
  grant?: string,
): Promise<DeliverableCount[]> {
  const out: DeliverableCount[] = [];
  for (const programmeCode of programmes) {
    for (const type of deliverableTypes) {
      const filter = {
        types: [type],
        programmes: [programmeCode],
        ...(grant ? { grants: [grant] } : {}),
      };
      const count = await figure(db, organisationId, period, { kind: 'deliverables', filter });
      if (count > 0) out.push({ programmeCode, type, label: DELIVERABLE_LABELS[type], count });
    }
  }
  return out;
}
