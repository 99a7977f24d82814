import { createCaller, createContext, localeFrom, type Actor, type Locale } from '@jalon/api';
import type { Database } from '@jalon/db';
import { activityTypes, incidentCategories } from '@jalon/db/schema';
import {
  auditFieldLabel,
  auditValueText,
  capitalised,
  changedFields,
  DEFAULT_DIMENSIONS,
  DIMENSION_NAMES,
  formatDateTime,
  formatFigure,
  type Figure,
} from '@jalon/domain';
import { renderListCsv, renderListXlsx, type ListCell, type ListTable } from '@jalon/reports';
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { HttpProblem } from '../http/problems';
import { message, messageText } from '../messages';

export interface ExportRoutesOptions {
  db: Database;
  readDb?: Database | undefined;
  actorOf: (c: HonoContext) => Promise<Actor | null>;
}

/** The most rows one export carries: a bigger list is refused, with what to do, not cut short. */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 500;

const participantCategories = (
  DEFAULT_DIMENSIONS.find((d) => d.code === 'category')?.categories ?? []
).map((c) => c.code) as [string, ...string[]];
/** A category's label of the engine's default dimensions (« femmes »), or the code itself. */
const categoryLabel = (dimension: string, code: string | null, l: Locale) =>
  code === null
    ? null
    : (DEFAULT_DIMENSIONS.find((d) => d.code === dimension)?.categories.find((c) => c.code === code)
        ?.label[l] ?? code);

/**
 * The query of a list page, as its URL carries it (`/activites?period=2023-Q2&type=training&q=…`):
 * the export is the same list, filtered the same way, every page of it.
 */
function schemas(l: Locale) {
  const text = z.string().trim().max(200).optional();
  const id = z.uuid({ error: message('export.id-expected', l) }).optional();
  const format = z.enum(['csv', 'xlsx'], {
    error: message('export.format', l),
  });
  const lang = z.enum(['fr', 'en']).optional();
  return {
    activities: z.object({
      format,
      lang,
      period: text,
      programme: text,
      status: z.enum(['draft', 'submitted', 'validated']).optional(),
      type: z.enum(activityTypes).optional(),
      grant: id,
      place: id,
      q: text,
      sort: z.enum(['date', '-date', 'code', 'title', 'type', 'status']).optional(),
    }),
    incidents: z.object({
      format,
      lang,
      period: text,
      category: z.enum(incidentCategories).optional(),
      place: id,
      verified: z.enum(['yes', 'no']).optional(),
      q: text,
      sort: z.enum(['-date', 'date', 'code', '-deaths', 'region', 'category']).optional(),
    }),
    persons: z.object({
      format,
      lang,
      q: text,
      sex: z.enum(['female', 'male']).optional(),
      category: z.enum(participantCategories).optional(),
      programme: id,
      sort: z.enum(['code', 'name', '-participations', '-last-seen']).optional(),
    }),
    indicators: z.object({ format, lang, period: text, grant: id, q: text }),
    journal: z.object({
      format,
      lang,
      entity: z.string().trim().min(1).max(40).optional(),
      // `record`, as the journal's own address names it
      record: z.string().trim().min(1).max(80).optional(),
      user: id,
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
      q: text,
    }),
  };
}

function attachment(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Every page of a list, through the same procedure the page calls (roles, reach, tenant). */
async function everyPage<T>(
  fetchPage: (offset: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const first = await fetchPage(0);
  if (first.total > MAX_EXPORT_ROWS)
    throw new HttpProblem(
      413,
      'PAYLOAD_TOO_LARGE',
      messageText('export.too-many-rows', { total: first.total, max: MAX_EXPORT_ROWS }),
    );
  const rows = [...first.items];
  while (rows.length < first.total) {
    const next = await fetchPage(rows.length);
    if (next.items.length === 0) break;
    rows.push(...next.items);
  }
  return rows;
}

type Caller = ReturnType<typeof createCaller>;
type ActivityItem = Awaited<ReturnType<Caller['activity']['list']>>['items'][number];
type IncidentItem = Awaited<ReturnType<Caller['incident']['list']>>['items'][number];

/** The query of an export, or a 400 naming each field that is wrong, in the user's language. */
function parse<T extends z.ZodType>(c: HonoContext, schema: T, l: Locale): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data as z.infer<T>;
  const lines = parsed.error.issues
    .map((i) => message('query.issue', l, { field: i.path.join('.') || '?', text: i.message }))
    .join(message('query.separator', l));
  throw new HttpProblem(400, 'BAD_REQUEST', messageText('query.invalid', { lines }));
}

/** A list as a CSV or workbook download, never cached. */
async function send(c: HonoContext, table: ListTable, format: 'csv' | 'xlsx', name: string) {
  const headers = {
    'content-disposition': attachment(`${name}.${format}`),
    'cache-control': 'no-store',
  };
  if (format === 'csv')
    return c.body(renderListCsv(table), 200, {
      ...headers,
      'content-type': 'text/csv; charset=utf-8',
    });
  return c.body(new Uint8Array(await renderListXlsx(table)), 200, {
    ...headers,
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

/** The activities list as a table: one row per activity, its words in `l`. */
function activitiesTable(items: readonly ActivityItem[], l: Locale): ListTable {
  const fr = l === 'fr';
  return {
    title: message('export.word.activities', l),
    locale: l,
    columns: [
      { header: 'Code', kind: 'text', width: 24 },
      { header: message('export.word.start', l), kind: 'date' },
      { header: message('export.word.end', l), kind: 'date' },
      { header: message('export.word.title', l), kind: 'text', width: 60 },
      { header: 'Type', kind: 'text', width: 16 },
      { header: message('export.word.status', l), kind: 'text', width: 12 },
      { header: message('export.word.programme', l), kind: 'text', width: 30 },
      { header: message('export.word.places', l), kind: 'text', width: 24 },
      { header: message('export.word.grants', l), kind: 'text', width: 20 },
      { header: message('export.word.sessions', l), kind: 'number' },
      { header: 'Participants', kind: 'number', width: 16 },
    ],
    rows: items.map((a): ListCell[] => [
      a.code,
      a.startDate,
      a.endDate,
      a.title,
      message(`export.activity-type.${a.type}`, l),
      message(`export.status.${a.status}`, l),
      fr ? a.programme.name : a.programme.nameEn,
      a.places.map((p) => p.name).join(', '),
      a.grants.map((g) => g.code).join(', '),
      a.sessions,
      a.participants?.total ?? null,
    ]),
  };
}

/** The incident register as a table: one row per incident, its words in `l`. */
function incidentsTable(items: readonly IncidentItem[], l: Locale): ListTable {
  return {
    title: message('export.word.incidents', l),
    locale: l,
    columns: [
      { header: 'Code', kind: 'text', width: 26 },
      { header: 'Date', kind: 'date' },
      { header: message('export.word.category', l), kind: 'text', width: 36 },
      { header: message('export.word.place', l), kind: 'text', width: 24 },
      { header: message('export.word.deaths', l), kind: 'number' },
      { header: message('export.word.injured', l), kind: 'number' },
      { header: message('export.word.verified', l), kind: 'text' },
      { header: 'Description', kind: 'text', width: 60 },
    ],
    rows: items.map((i): ListCell[] => [
      i.code,
      i.date,
      message(`export.category.${i.category}`, l),
      i.place?.name ?? null,
      i.deaths,
      i.injuries,
      i.verified ? message('export.word.yes', l) : message('export.word.no', l),
      i.description,
    ]),
  };
}

/**
 * Exports of the lists the web app shows, as plain Hono routes (files, not tRPC answers):
 * `/api/exports/activities` and `/api/exports/incidents`, `format=csv|xlsx`, with the page's own
 * filters. The rows come from `activity.list` and `incident.list` called in-process as the signed-in
 * user, so an export shows exactly what the list shows her and nothing more.
 */
export function exportRoutes(options: ExportRoutesOptions): Hono {
  const app = new Hono();

  const setup = async (c: HonoContext) => {
    const locale = localeFrom(c.req.header('accept-language'), c.req.header('cookie'));
    const caller = createCaller(
      createContext({
        db: options.db,
        readDb: options.readDb,
        actor: await options.actorOf(c),
        locale,
      }),
    );
    return { locale, caller, schema: schemas(locale) };
  };

  app.get('/activities', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.activities, locale);
    const l: Locale = q.lang ?? locale;
    const filter = {
      ...(q.period ? { period: q.period } : {}),
      ...(q.programme ? { programmeCode: q.programme } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.grant ? { grantId: q.grant } : {}),
      ...(q.place ? { placeId: q.place } : {}),
      ...(q.q ? { search: q.q } : {}),
      sort: q.sort ?? 'date',
    };
    const items = await everyPage((offset) =>
      caller.activity.list({ ...filter, limit: PAGE, offset }),
    );
    const table = activitiesTable(items, l);
    return send(c, table, q.format, message('export.file.activities', l));
  });

  app.get('/incidents', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.incidents, locale);
    const l: Locale = q.lang ?? locale;
    const filter = {
      ...(q.period ? { period: q.period } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.place ? { placeId: q.place } : {}),
      ...(q.verified ? { verified: q.verified === 'yes' } : {}),
      ...(q.q ? { search: q.q } : {}),
      sort: q.sort ?? '-date',
    };
    const items = await everyPage((offset) =>
      caller.incident.list({ ...filter, limit: PAGE, offset }),
    );
    const table = incidentsTable(items, l);
    return send(c, table, q.format, 'incidents');
  });

  const deps: ExportDeps = { setup, parse, send };
  registerPeopleExports(app, deps);
  registerIndicatorExport(app, deps);

  return app;
}

/** What the list exports share: the caller of the signed-in user, the query's check, the file. */
interface ExportDeps {
  setup: (c: HonoContext) => Promise<{
    locale: Locale;
    caller: ReturnType<typeof createCaller>;
    schema: ReturnType<typeof schemas>;
  }>;
  parse: <T extends z.ZodType>(c: HonoContext, schema: T, l: Locale) => z.infer<T>;
  send: (
    c: HonoContext,
    table: ListTable,
    format: 'csv' | 'xlsx',
    name: string,
  ) => Promise<Response>;
}

/** `/persons` (the participants register) and `/journal` (the audit trail). */
function registerPeopleExports(app: Hono, { setup, parse, send }: ExportDeps): void {
  app.get('/persons', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.persons, locale);
    const l: Locale = q.lang ?? locale;
    const items = await everyPage((offset) =>
      caller.person.list({
        ...(q.q ? { search: q.q } : {}),
        ...(q.sex ? { sex: q.sex } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.programme ? { programmeId: q.programme } : {}),
        sort: q.sort ?? 'code',
        limit: PAGE,
        offset,
      }),
    );
    const table: ListTable = {
      title: message('export.word.participants', l),
      locale: l,
      columns: [
        { header: 'Code', kind: 'text', width: 20 },
        { header: message('export.word.name', l), kind: 'text', width: 30 },
        { header: capitalised(DIMENSION_NAMES.sex[l]), kind: 'text', width: 10 },
        { header: message('export.word.birth-year', l), kind: 'number' },
        { header: capitalised(DIMENSION_NAMES.disability[l]), kind: 'text' },
        { header: message('export.word.category', l), kind: 'text', width: 24 },
        { header: 'Participations', kind: 'number', width: 14 },
        { header: message('export.word.last-seen', l), kind: 'date' },
      ],
      rows: items.map((p): ListCell[] => [
        p.code,
        p.displayName,
        categoryLabel('sex', p.sex, l),
        p.birthYear,
        p.disability === null
          ? null
          : p.disability
            ? message('export.word.yes', l)
            : message('export.word.no', l),
        categoryLabel('category', p.category, l),
        p.participations,
        p.lastSeen,
      ]),
    };
    return send(c, table, q.format, 'participants');
  });

  app.get('/journal', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.journal, locale);
    const l: Locale = q.lang ?? locale;
    const items = await everyPage((offset) =>
      caller.audit.list({
        ...(q.entity ? { entity: q.entity } : {}),
        ...(q.record ? { entityId: q.record } : {}),
        ...(q.user ? { userId: q.user } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.q ? { search: q.q } : {}),
        limit: 200,
        offset,
      }),
    );
    // One row per field that changed, as the journal page shows it: its name, before, after.
    const rows = items.flatMap((e): ListCell[][] => {
      const entry = [
        formatDateTime(e.at, l, 'UTC'),
        e.user?.email ?? message('export.word.system', l),
        e.action,
        e.entity,
        e.entityId,
        e.reason,
      ];
      const changes = changedFields(e.before, e.after);
      // A record stored as a list (an attendance list): said whole, item by item.
      return changes.length === 0
        ? [
            [
              ...entry,
              null,
              auditValueText(e.before, l) || null,
              auditValueText(e.after, l) || null,
            ],
          ]
        : changes.map((f) => [
            ...entry,
            auditFieldLabel(f.field, l),
            auditValueText(f.before, l) || null,
            auditValueText(f.after, l) || null,
          ]);
    });
    const table: ListTable = {
      title: message('export.word.audit-trail', l),
      locale: l,
      columns: [
        { header: message('export.word.when-utc', l), kind: 'text', width: 22 },
        { header: message('export.word.who', l), kind: 'text', width: 28 },
        { header: 'Action', kind: 'text', width: 12 },
        { header: message('export.word.record', l), kind: 'text', width: 14 },
        { header: message('export.word.id', l), kind: 'text', width: 38 },
        { header: message('export.word.reason', l), kind: 'text', width: 30 },
        { header: message('export.word.field', l), kind: 'text', width: 24 },
        { header: message('export.word.before', l), kind: 'text', width: 40 },
        { header: message('export.word.after', l), kind: 'text', width: 40 },
      ],
      rows,
    };
    return send(c, table, q.format, 'journal');
  });
}

function registerIndicatorExport(app: Hono, { setup, parse, send }: ExportDeps): void {
  // The indicators page as shown: each indicator's value for the period, and the target,
  // achievement and status its grant's report states (indicator.statuses).
  app.get('/indicators', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.indicators, locale);
    const l: Locale = q.lang ?? locale;
    const period = q.period ?? '2023-Q2';
    const { items } = await caller.indicator.list({
      ...(q.grant ? { grantId: q.grant } : {}),
      ...(q.q ? { search: q.q } : {}),
    });
    const values = new Map<string, { figure: Figure | null; target: number | null }>();
    for (let i = 0; i < items.length; i += 200) {
      const ids = items.slice(i, i + 200).map((x) => x.id);
      for (const v of (await caller.indicator.values({ indicatorIds: ids, period })).items)
        values.set(v.indicator.id, { figure: v.figure, target: v.target });
    }
    const judged = new Map(
      (
        await caller.indicator.statuses({ period, ...(q.grant ? { grantId: q.grant } : {}) })
      ).grants.flatMap((g) => g.items.map((i) => [i.indicatorId, { ...i, grant: g }] as const)),
    );
    const fr = l === 'fr';
    const table: ListTable = {
      title: message('export.word.indicators', l),
      locale: l,
      columns: [
        { header: 'Code', kind: 'text', width: 20 },
        { header: message('export.word.indicator', l), kind: 'text', width: 60 },
        { header: message('export.word.grant', l), kind: 'text', width: 20 },
        { header: message('export.word.period', l), kind: 'text', width: 10 },
        { header: message('export.word.value', l), kind: 'text', width: 20 },
        { header: message('export.word.target', l), kind: 'number' },
        { header: message('export.word.status-period', l), kind: 'text', width: 24 },
        { header: message('export.word.status-target', l), kind: 'number' },
        { header: message('export.word.achievement', l), kind: 'number' },
        { header: message('export.word.status', l), kind: 'text', width: 16 },
      ],
      rows: items.map((i): ListCell[] => {
        const v = values.get(i.id);
        const j = judged.get(i.id);
        return [
          i.code,
          fr ? i.title : i.titleEn,
          i.grant?.code ?? null,
          period,
          v?.figure ? formatFigure(v.figure, l) : null,
          v?.target ?? null,
          j?.grant.statusPeriod?.label[l] ?? null,
          j?.target ?? null,
          j?.achievement === null || j === undefined
            ? null
            : Math.round(j.achievement * 10_000) / 100,
          j ? message(`export.indicator-status.${j.status}`, l) : null,
        ];
      }),
    };
    return send(c, table, q.format, message('export.file.indicators', l));
  });
}
