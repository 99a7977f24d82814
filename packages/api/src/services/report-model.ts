import { messageText, sameText } from '../messages';
import {
  findGrant,
  findGrantByCode,
  lastSubmission,
  listRestatements,
  listIndicatorComments,
  reportTextsOf,
  listIndicators,
  listProgrammes,
  listResultNodes,
  listTargetsAndBaselines,
  type Database,
  type GrantRow,
  type IndicatorCommentRow,
  type IndicatorRow,
} from '@jalon/db';
import {
  must,
  achievement,
  achievementBound,
  achievementRuleOf,
  DEFAULT_DIMENSIONS,
  err,
  ok,
  parseCellKey,
  parsePeriod,
  rangePeriod,
  roundForOutput,
  roundRatioForOutput,
  statusOf,
  targetFor,
  targetForWindow,
  type AchievementRule,
  type IndicatorSource,
  type Locale,
  type LocalizedText,
  type Period,
  type Result,
  type Target,
} from '@jalon/domain';
import {
  getTemplate,
  parseReportModel,
  planPeriods,
  statusRole,
  type Indicator,
  type IndicatorValue,
  type DataQualityFinding,
  type PeriodRef,
  type ReportModel,
  type Restatement,
  type ReportTemplate,
  type ResultNode,
  statedActual,
  actualOf,
} from '@jalon/reports';
import type { ApiFailure } from '../errors';
import {
  activitiesOfPeriod,
  dataQualityFindings,
  deliverableCounts,
  figure,
  incidentSummaries,
  toEvidence,
} from './report-evidence';
import { indicatorValues, toDefinition, type IndicatorPeriodValue } from './indicator-values';
import { roundedBreakdown } from './rounded-output';
import { countableByPlace, regionalSource, type PlaceScope } from './regional-figures';

/** What a report is asked for: a grant (code or id), a period as users write it, a template. */
export interface ReportRequest {
  grant: string;
  period: string;
  /** A built-in template id, a user's own (validated) template, or the grant's template when left out. */
  template?: string | ReportTemplate | undefined;
  /** When the figures are computed; now by default (tests fix it). */
  generatedAt?: string | undefined;
  /** Told each step of a long build (the CLI prints it). */
  onProgress?: ((step: string) => void) | undefined;
  /**
   * The request's signal: once aborted (the download was dropped), the build stops at its next
   * step or loop turn with {@link ReportBuildAborted}, instead of computing a model for nobody.
   */
  signal?: AbortSignal | undefined;
}

export interface BuiltReport {
  model: ReportModel;
  template: ReportTemplate;
  grant: GrantRow;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A grant by id or by code, or undefined. */
export async function resolveGrant(
  db: Database,
  organisationId: string,
  grant: string,
): Promise<GrantRow | undefined> {
  return uuid.test(grant)
    ? findGrant(db, organisationId, grant)
    : findGrantByCode(db, organisationId, grant.trim());
}

/** A template by id; the failure lists the built-in ones. */
export function resolveTemplate(id: string): Result<ReportTemplate, ApiFailure> {
  const t = getTemplate(id);
  if (t) return ok(t);
  return err({
    kind: 'invalid-input',
    message: messageText('report.unknown-template', { id }),
  });
}

/** An indicator's values add up over periods and places: events summed, not ratios, levels, unique people or running totals. */
function additive(row: IndicatorRow): boolean {
  const source = row.source as IndicatorSource;
  if (
    row.cumulative ||
    row.timeRule !== 'sum' ||
    row.unit !== 'number' ||
    source.kind === 'formula'
  )
    return false;
  return !(source.kind === 'participation' && source.measure !== 'participations');
}

const toPeriod = (p: Pick<PeriodRef, 'kind' | 'code' | 'start' | 'end'>): Period => ({
  kind: p.kind,
  code: p.code,
  start: p.start,
  end: p.end,
});

/**
 * The report model of a grant for a period, shaped by a template, from the database: the grant and
 * its donor, the results framework, every indicator's values for every period the template shows
 * (targets, achievement and status under the template's rule and scale, breakdowns for indicators
 * that declare dimensions), the period's activities as evidence with their data-quality findings,
 * incidents and products. A period that runs past the reporting period is reported « à date » (its
 * `asOf`): computed up to the reporting period's end (a Q2 report's "year" is January–June) and
 * compared with the same-to-date target `indicator.values` gives that window (the period's own or
 * tiled targets, else a holding period's pro-rated by days); the life of the grant keeps its own target.
 * @example await buildReportModel(db, org, { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' })
 */
export async function buildReportModel(
  db: Database,
  organisationId: string,
  request: ReportRequest,
): Promise<Result<BuiltReport, ApiFailure>> {
  const progress = request.onProgress ?? (() => {});
  const signal = request.signal;
  checkpoint(signal);
  const setup = await reportSetup(db, organisationId, request);
  if (!setup.ok) return setup;
  const { grant, template, plan, rp, org } = setup.value;

  checkpoint(signal);
  progress('framework');
  const { framework, rows } = await frameworkOf(db, organisationId, grant.id);

  checkpoint(signal);
  progress('indicators');
  const comments = commentsByPeriod(
    await listIndicatorComments(db, organisationId, { grantId: grant.id }),
    plan.periods,
    grant.fiscalYearStartMonth,
  );
  const indicators = await indicatorsOf(
    db,
    organisationId,
    rows,
    template,
    plan.periods,
    rp,
    comments,
    signal,
    progress,
  );
  // The donor's header: read here rather than widening every grant listing with them.
  const header = await db.query.grant.findFirst({
    where: (g, { and, eq }) => and(eq(g.organisationId, organisationId), eq(g.id, grant.id)),
    columns: { titleEn: true, businessUnit: true, projectId: true },
  });

  checkpoint(signal);
  progress('activities');
  const evidence = await evidenceOf(db, organisationId, rp, grant, rows, progress, signal);

  checkpoint(signal);
  progress('incidents and products');
  const { programmes, incidents, deliverables } = await incidentsAndProducts(
    db,
    organisationId,
    grant,
    rp,
  );

  checkpoint(signal);
  progress('restatements');
  const restatements = await restatementsSinceLastReport(db, organisationId, grant.id);

  // The report's own analysis (the « Analyse » sheet's summary), in the language it was written
  // in, the other language's text standing in for a language not written.
  const analysis = await reportTextsOf(db, organisationId, grant.id, plan.reportingPeriod);
  const analysisText =
    analysis.fr || analysis.en
      ? {
          text: { fr: analysis.fr ?? analysis.en ?? '', en: analysis.en ?? analysis.fr ?? '' },
          language: {
            fr: analysis.fr ? ('fr' as const) : ('en' as const),
            en: analysis.en ? ('en' as const) : ('fr' as const),
          },
        }
      : undefined;

  checkpoint(signal);
  const model = assembleModel({
    analysisText,
    generatedAt: request.generatedAt ?? new Date().toISOString(),
    org,
    grant,
    header,
    template,
    plan,
    rp,
    programmes,
    framework,
    indicators,
    evidence,
    incidents,
    deliverables,
    restatements,
  });
  const parsed = parseReportModel(model);
  // The builder owns every field: a model that does not validate is a bug here, not bad input.
  if (!parsed.ok)
    throw new Error(
      `report model does not validate: ${parsed.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return ok({ model: parsed.value, template, grant });
}

/**
 * The grant's indicators that can be counted by place, computed within each region for some of
 * the report's periods, exactly as {@link buildReportModel} computes them for the organisation
 * (same template, rule, windows). An indicator that counts nothing in a region is left out of it.
 * Targets stay the grant's (they are not set per region): only the actuals are regional.
 * @example await regionalIndicators(db, org, { grant: 'PROSMED-CCSC', period: '2023-Q2' }, ['2023-Q2'], ['ml/mopti'])
 */
export async function regionalIndicators(
  db: Database,
  organisationId: string,
  request: ReportRequest,
  periodCodes: readonly string[],
  regions: readonly string[],
): Promise<Result<{ region: string; indicators: Indicator[] }[], ApiFailure>> {
  return scopedIndicators(db, organisationId, request, periodCodes, regions, (r) => r);
}

/**
 * The grant's indicators that can be counted by place, computed outside every one of `regions`
 * (the engine's `notWithin` filter: activities and incidents with no place, or none within those
 * regions), as {@link regionalIndicators} computes them within each: what a per-region export
 * sends to its « outside every region » org unit, so the regions and it add up to the whole for
 * what adds up, and unique people are counted once each side, never as a difference.
 * @example await outsideIndicators(db, org, { grant: 'PROSMED-CCSC', period: '2023-Q2' }, ['2023-Q2'], ['ml/mopti'])
 */
export async function outsideIndicators(
  db: Database,
  organisationId: string,
  request: ReportRequest,
  periodCodes: readonly string[],
  regions: readonly string[],
): Promise<Result<Indicator[], ApiFailure>> {
  const r = await scopedIndicators(db, organisationId, request, periodCodes, [regions], (g) => ({
    outside: g,
  }));
  return r.ok ? ok(r.value[0]?.indicators ?? []) : r;
}

/**
 * How many of the grant's activities of the reporting period lie outside every one of `regions`
 * (no place, or none within them): what a per-region export without an « outside » org unit
 * leaves out.
 */
export async function activitiesOutside(
  db: Database,
  organisationId: string,
  request: ReportRequest,
  regions: readonly string[],
): Promise<Result<number, ApiFailure>> {
  const setup = await reportSetup(db, organisationId, request);
  if (!setup.ok) return setup;
  const { grant, rp } = setup.value;
  return ok(
    await figure(db, organisationId, toPeriod(rp), {
      kind: 'activities',
      measure: 'count',
      filter: { grants: [grant.code], notWithin: [...regions] },
    }),
  );
}

/** The countable-by-place indicators computed in each scope (`placeOf` says where), with their scope. */
async function scopedIndicators<S>(
  db: Database,
  organisationId: string,
  request: ReportRequest,
  periodCodes: readonly string[],
  scopes: readonly S[],
  placeOf: (scope: S) => PlaceScope,
): Promise<Result<{ region: S; indicators: Indicator[] }[], ApiFailure>> {
  const setup = await reportSetup(db, organisationId, request);
  if (!setup.ok) return setup;
  const { grant, template, plan, rp } = setup.value;
  const { rows } = await frameworkOf(db, organisationId, grant.id);
  const definitions = (await listIndicators(db, organisationId)).map(toDefinition);
  const countable = rows.filter((r) => countableByPlace(r.code, definitions));
  const periods = plan.periods.filter((p) => periodCodes.includes(p.code));
  const out: { region: S; indicators: Indicator[] }[] = [];
  for (const region of scopes) {
    checkpoint(request.signal);
    const place = placeOf(region);
    const within = countable.filter((r) => {
      const d = definitions.find((x) => x.code === r.code);
      return (
        d?.source.kind === 'formula' ||
        regionalSource(must(d, 'a definition').source, place) !== 'none'
      );
    });
    if (within.length === 0) continue;
    const indicators = await indicatorsOf(
      db,
      organisationId,
      within,
      template,
      periods,
      rp,
      new Map(),
      request.signal,
      undefined,
      place,
    );
    out.push({ region, indicators });
  }
  return ok(out);
}

/**
 * A report build stopped because its reader went away (the request's signal): nothing more was
 * computed for nobody. Callers answering a request that is gone drop it quietly.
 */
export class ReportBuildAborted extends Error {
  constructor() {
    super('the report build was stopped: its request was aborted');
    this.name = 'ReportBuildAborted';
  }
}

/** Between steps and inside long loops: stop here if the request is gone. */
function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ReportBuildAborted();
}

type OrganisationRow = NonNullable<
  Awaited<ReturnType<Database['query']['organisation']['findFirst']>>
>;
type PlannedPeriods = { reportingPeriod: string; periods: PeriodRef[] };

/** Step 1: the grant, the template (the grant's own by default), the periods it shows, the organisation. */
async function reportSetup(
  db: Database,
  organisationId: string,
  request: ReportRequest,
): Promise<
  Result<
    {
      grant: GrantRow;
      template: ReportTemplate;
      plan: PlannedPeriods;
      rp: PeriodRef;
      org: OrganisationRow & { country: string };
    },
    ApiFailure
  >
> {
  const grant = await resolveGrant(db, organisationId, request.grant);
  if (!grant) {
    return err({
      kind: 'not-found',
      entity: messageText('entity.grant-named', { grant: request.grant }),
    });
  }
  let template: ReportTemplate;
  if (typeof request.template === 'object') template = request.template;
  else {
    const found = resolveTemplate(request.template ?? grant.reportTemplate);
    // A grant whose stored template is not built in falls back to the generic one.
    if (!found.ok && request.template !== undefined) return found;
    template = found.ok ? found.value : (getTemplate('generic') as ReportTemplate);
  }
  const plan = planPeriods(template, request.period, {
    start: grant.startDate,
    end: grant.endDate,
  });
  if (!plan.ok) return err({ kind: 'invalid-input', message: plan.error.message });
  const rp = plan.value.periods.find((p) => p.code === plan.value.reportingPeriod);
  if (!rp)
    throw new Error(`report: the plan lost its reporting period ${plan.value.reportingPeriod}`);

  const org = await db.query.organisation.findFirst({
    where: (o, { eq }) => eq(o.id, organisationId),
  });
  if (!org) return err({ kind: 'no-organisation' });
  const country = org.country;
  if (!country || country.length !== 2) {
    return err({
      kind: 'invalid-input',
      message: messageText('report.no-country', { organisation: org.code }),
    });
  }
  return ok({ grant, template, plan: plan.value, rp, org: { ...org, country } });
}

/** Step 2: the grant's results framework and its indicators (those placed in it). */
async function frameworkOf(db: Database, organisationId: string, grantId: string) {
  const nodes = await listResultNodes(db, organisationId, grantId);
  const codeOfNode = new Map(nodes.map((n) => [n.id, n.code]));
  const framework: ResultNode[] = nodes.map((n) => ({
    code: n.code,
    level: n.level,
    parentCode: n.parentId ? (codeOfNode.get(n.parentId) ?? null) : null,
    title: { fr: n.title, en: n.titleEn },
    assumptions: n.assumptions ? [sameText(n.assumptions)] : [],
    sourcesOfVerification: [],
  }));
  const rows = (await listIndicators(db, organisationId, { grantId })).filter((r) => r.node);
  return { framework, rows };
}

/** Step 4: the reporting period's activities of the grant, as evidence. */
async function evidenceOf(
  db: Database,
  organisationId: string,
  rp: PeriodRef,
  grant: GrantRow,
  rows: readonly IndicatorRow[],
  progress: (step: string) => void,
  signal: AbortSignal | undefined,
) {
  const read = await activitiesOfPeriod(db, organisationId, rp, (done, total) => {
    progress(`activities ${done}/${total}`);
  });
  const out = [];
  for (const a of read) {
    if (!a.grants.includes(grant.code)) continue;
    if (out.length % 500 === 0) checkpoint(signal);
    out.push(toEvidence(a.row, a.grants, rows));
  }
  return out;
}

/** Step 5: the period's incidents and products of the grant's programmes. */
async function incidentsAndProducts(
  db: Database,
  organisationId: string,
  grant: GrantRow,
  rp: PeriodRef,
) {
  const programmes = (await listProgrammes(db, organisationId)).filter((p) =>
    grant.programmes.some((g) => g.id === p.id),
  );
  const period = toPeriod(rp);
  const incidents = await incidentSummaries(db, organisationId, period, programmes);
  const deliverables = await deliverableCounts(
    db,
    organisationId,
    period,
    programmes.map((p) => p.code),
    grant.code,
  );
  return { programmes, incidents, deliverables };
}

/** Step 6: the model itself, from what the steps read (the donor's header, IATI identifiers). */
function assembleModel(parts: {
  analysisText:
    | { text: { fr: string; en: string }; language: { fr: 'fr' | 'en'; en: 'fr' | 'en' } }
    | undefined;
  generatedAt: string;
  org: OrganisationRow & { country: string };
  grant: GrantRow;
  header:
    { titleEn: string | null; businessUnit: string | null; projectId: string | null } | undefined;
  template: ReportTemplate;
  plan: PlannedPeriods;
  rp: PeriodRef;
  programmes: Awaited<ReturnType<typeof incidentsAndProducts>>['programmes'];
  framework: ResultNode[];
  indicators: Indicator[];
  evidence: Awaited<ReturnType<typeof evidenceOf>>;
  incidents: Awaited<ReturnType<typeof incidentSummaries>>;
  deliverables: Awaited<ReturnType<typeof deliverableCounts>>;
  restatements: Restatement[];
}): ReportModel {
  const { org, grant, header, template, rp, programmes, framework, indicators } = parts;
  const { evidence, incidents, deliverables, restatements, analysisText } = parts;

  // The organisation's IATI reference is the prefix of its grants' identifiers (`XM-WANEP-ML-PROSMED-CCSC`).
  const suffix = `-${grant.code}`;
  const iatiRef = grant.iatiIdentifier?.endsWith(suffix)
    ? grant.iatiIdentifier.slice(0, -suffix.length)
    : undefined;
  const orgIati = iatiRef
    ? { ref: iatiRef, type: org.kind === 'regional-body' ? '21' : '22' }
    : undefined;

  return {
    schemaVersion: 1,
    generatedAt: parts.generatedAt,
    organisation: { code: org.code, name: org.name, country: org.country, iati: orgIati },
    grant: {
      code: grant.code,
      title: { fr: grant.title, en: header?.titleEn ?? grant.title },
      donor: {
        code: grant.donor.code,
        name: grant.donor.name,
        iati: grant.donor.iatiRef
          ? { ref: grant.donor.iatiRef, name: sameText(grant.donor.name) }
          : undefined,
      },
      start: grant.startDate,
      end: grant.endDate,
      currency: grant.currency,
      totalAmount: grant.amount,
      fiscalYearStartMonth: grant.fiscalYearStartMonth,
      programmeCodes: grant.programmes.map((p) => p.code),
      undp:
        grant.donorReference || header?.businessUnit || header?.projectId
          ? {
              businessUnit: header?.businessUnit ?? '',
              awardId: grant.donorReference ?? '',
              projectId: header?.projectId ?? undefined,
              implementingPartner: org.name,
            }
          : undefined,
      iati: grant.iatiIdentifier
        ? {
            activityIdentifier: grant.iatiIdentifier,
            activityStatus: rp.end >= grant.endDate ? '3' : '2',
            participatingOrgs: [
              {
                role: '1',
                ref: grant.donor.iatiRef ?? undefined,
                name: sameText(grant.donor.name),
                activityId: grant.donorReference ?? undefined,
              },
              { role: '4', ref: orgIati?.ref, type: orgIati?.type, name: sameText(org.name) },
            ],
            recipientCountries: [org.country],
            sectors: [],
            providerActivityId: grant.donorReference ?? undefined,
            incomingFunds: [],
          }
        : undefined,
    },
    reportingPeriod: parts.plan.reportingPeriod,
    periods: parts.plan.periods,
    achievement: { rule: template.achievement.rule, scale: template.achievement.scale },
    dimensions: [...DEFAULT_DIMENSIONS],
    programmes: programmes.map((p) => ({ code: p.code, name: { fr: p.name, en: p.nameEn } })),
    framework,
    indicators,
    activities: evidence,
    dataQuality: [...dataQualityFindings(evidence), ...restatements.map(restatementFinding)],
    incidents,
    deliverables,
    ...(restatements.length > 0 ? { restatements } : {}),
    narrative: analysisText
      ? { summary: analysisText.text, summaryLanguage: analysisText.language }
      : {},
  };
}

/**
 * The corrections of the grant's locked periods recorded since its last submitted report (all of
 * them before its first): the next report discloses each with its reason.
 */
async function restatementsSinceLastReport(
  db: Database,
  organisationId: string,
  grantId: string,
): Promise<Restatement[]> {
  const since = await lastSubmission(db, organisationId, grantId);
  return (await listRestatements(db, organisationId, { grantIds: [grantId], since })).map((r) => ({
    entity: r.entity,
    code: r.code,
    period: r.periodCode,
    reason: r.reason,
    at: r.recordedAt,
  }));
}

/** A restatement as the data-quality sheet lists it, so every template shows it without a new sheet. */
function restatementFinding(r: Restatement): DataQualityFinding {
  const subject = `${r.code ?? r.entity} (${r.period})`;
  return {
    severity: 'info',
    code: 'restatement',
    date: r.at.slice(0, 10),
    subject,
    message: messageText('report.restatement', {
      period: r.period,
      date: r.at.slice(0, 10),
      why: r.reason,
    }),
  };
}

/**
 * The stored comments by `indicatorId period` for the plan's periods. A comment is stored under the
 * period code it was written for, on the grant's calendar; it belongs to the model's period of the
 * same code or of the same span (a template on another fiscal calendar names the quarter otherwise).
 */
function commentsByPeriod(
  stored: readonly IndicatorCommentRow[],
  periods: readonly PeriodRef[],
  fiscalYearStartMonth: number,
): Map<string, Partial<Record<Locale, string>>> {
  const out = new Map<string, Partial<Record<Locale, string>>>();
  for (const c of stored) {
    const parsed = parsePeriod(c.periodCode, { fiscalYearStartMonth });
    for (const p of periods) {
      const same =
        p.code === c.periodCode ||
        (parsed.ok && parsed.value.start === p.start && parsed.value.end === p.end);
      const key = `${c.indicatorId} ${p.code}`;
      const texts = out.get(key) ?? {};
      if (same && texts[c.language] === undefined)
        out.set(key, { ...texts, [c.language]: c.comment });
    }
  }
  return out;
}

/**
 * A period's comment in both languages, each side in one language: the text written in it, else the
 * other language's text (marked by `commentLanguage`), followed by why the value could not be
 * computed in that same language.
 */
function periodComment(
  said: Partial<Record<Locale, string>> | undefined,
  why: LocalizedText | undefined,
): Pick<IndicatorValue, 'comment' | 'commentLanguage'> {
  if (!said?.fr && !said?.en) return why ? { comment: why } : {};
  const language = {
    fr: said.fr !== undefined ? ('fr' as const) : ('en' as const),
    en: said.en !== undefined ? ('en' as const) : ('fr' as const),
  };
  const side = (l: Locale) => {
    const text = must(said[language[l]], 'the comment in the language it is written in');
    return why ? `${text} ${why[language[l]]}` : text;
  };
  return {
    comment: { fr: side('fr'), en: side('en') },
    ...(language.fr !== 'fr' || language.en !== 'en' ? { commentLanguage: language } : {}),
  };
}

/**
 * The windows the indicators are computed for: each period, and for a period that runs past the
 * reporting period (it says « à date ») the window from its start to that day (`clipOf`), exactly
 * as `indicator.values` computes that window.
 */
function windowsOf(periods: readonly PeriodRef[]): {
  clipOf: Map<string, Period>;
  wanted: Period[];
} {
  const clipOf = new Map<string, Period>();
  for (const p of periods) {
    if (p.asOf) {
      const r = rangePeriod(p.start, p.asOf);
      if (r.ok) clipOf.set(p.code, r.value);
    }
  }
  const wanted = new Map<string, Period>();
  for (const p of [...periods.map(toPeriod), ...clipOf.values()]) wanted.set(p.code, p);
  return { clipOf, wanted: [...wanted.values()] };
}

/**
 * The engine's values of the rows for the windows, keyed `<indicator id> <period code>`: computed in
 * groups of the same breakdown (those without dimensions in one call), one round of queries each.
 */
async function valuesOf(
  db: Database,
  organisationId: string,
  rows: readonly IndicatorRow[],
  windows: Period[],
  template: ReportTemplate,
  within: PlaceScope | undefined,
  signal: AbortSignal | undefined,
  progress: (step: string) => void,
): Promise<Map<string, IndicatorPeriodValue>> {
  const templateRule = template.achievement.rule;
  const groups = new Map<string, IndicatorRow[]>();
  for (const r of rows)
    groups.set(r.dimensions.join(','), [...(groups.get(r.dimensions.join(',')) ?? []), r]);
  const values = new Map<string, IndicatorPeriodValue>();
  let computed = 0;
  for (const [dims, group] of groups) {
    // Per group of indicators (each a round of queries): stop here if the reader went away.
    checkpoint(signal);
    progress(`indicators ${computed}/${rows.length}`);
    computed += group.length;
    const items = await indicatorValues(
      db,
      organisationId,
      group.map((r) => r.id),
      windows,
      {
        breakdown: dims ? dims.split(',') : undefined,
        rule: templateRule === 'progress-from-baseline' ? 'progress-from-baseline' : undefined,
        scale: template.achievement.scale,
        ...(within === undefined ? {} : { within }),
      },
    );
    for (const v of items) values.set(`${v.indicator.id} ${v.period.code}`, v);
  }
  return values;
}

/** What one indicator's value in one period is read from. */
interface PeriodValueInputs {
  values: ReadonlyMap<string, IndicatorPeriodValue>;
  clipOf: ReadonlyMap<string, Period>;
  rp: PeriodRef;
  scale: ReportTemplate['achievement']['scale'];
  comments: ReadonlyMap<string, Partial<Record<Locale, string>>>;
  cellTargets: StoredTargets;
}

/** One indicator's value in one period of the report, as the outputs state it. */
function periodValue(
  row: IndicatorRow,
  rule: AchievementRule,
  p: PeriodRef,
  { values, clipOf, rp, scale, comments, cellTargets }: PeriodValueInputs,
): IndicatorValue {
  const full = values.get(`${row.id} ${p.code}`);
  const clip = clipOf.get(p.code);
  const future = p.start > rp.end;
  const computed = future ? undefined : clip ? values.get(`${row.id} ${clip.code}`) : full;
  const lifeOfGrant = p.roles.includes('life-of-grant');
  // The life of the grant compares progress to date with its own end goal; any other period
  // cut at the reporting period's end compares with the window's same-to-date target.
  const target = lifeOfGrant
    ? (full?.lifeOfGrantTarget ?? full?.target ?? null)
    : clip
      ? (computed?.target ?? null)
      : (full?.target ?? null);
  const basis = lifeOfGrant ? undefined : (clip ? computed : full)?.targetBasis;
  // Cut at the reporting period's end, the period also keeps its whole target (UNDP's annual
  // target beside the milestone to date), by the engine's rule for the whole window.
  const wholeBasis = clip && !lifeOfGrant ? full?.targetBasis : undefined;
  // The engine's value unchanged: qualifier, « au moins environ », and its interval (56–97,
  // or open above), which every output states as the pages do.
  const actual = computed?.value ? actualOf(computed.value) : null;
  const uncounted = computed?.value?.uncounted ?? 0;
  let ratio = !lifeOfGrant ? (computed?.achievement ?? null) : null;
  let status = !lifeOfGrant ? (computed?.status ?? 'no-data') : 'no-data';
  if (lifeOfGrant) {
    const a = achievement(
      { actual: actual?.value ?? null, target, baseline: full?.baseline ?? null },
      rule,
    );
    ratio = a.ok ? a.value : null;
    status = statusOf(a, scale);
  }
  const said = periodComment(comments.get(`${row.id} ${p.code}`), computed?.notComputable?.message);
  const breakdownTargets =
    row.dimensions.length > 0 ? targetsOfCells(row, cellTargets, p, clip) : [];
  const bound =
    ratio === null
      ? null
      : achievementBound(rule, computed?.figure?.atLeast ?? false, {
          target,
          baseline: full?.baseline ?? null,
          actual: actual?.value ?? null,
        });
  return {
    period: p.code,
    target,
    ...(basis?.kind === 'pro-rated'
      ? {
          targetProRated: {
            from: basis.from.code ?? `${basis.from.start}..${basis.from.end}`,
            days: basis.days,
            of: basis.of,
          },
        }
      : {}),
    ...(clip && !lifeOfGrant ? { wholeTarget: full?.target ?? null } : {}),
    ...(wholeBasis?.kind === 'pro-rated'
      ? {
          wholeTargetProRated: {
            from: wholeBasis.from.code ?? `${wholeBasis.from.start}..${wholeBasis.from.end}`,
            days: wholeBasis.days,
            of: wholeBasis.of,
          },
        }
      : {}),
    actual,
    achievement: ratio !== null && Number.isFinite(ratio) ? ratio : null,
    // An open actual (an activity nobody counted, a lower bound) gives an at-least achievement,
    // or an at-most one when lower is better.
    ...(bound === 'at-least' ? { achievementAtLeast: true } : {}),
    ...(bound === 'at-most' ? { achievementAtMost: true } : {}),
    ...(uncounted > 0 ? { uncounted } : {}),
    status,
    breakdown: row.dimensions.length > 0 ? (computed?.value?.breakdown ?? null) : null,
    ...(breakdownTargets.length > 0 ? { breakdownTargets } : {}),
    ...said,
  };
}

/**
 * Every indicator's values for the plan's periods. Indicators are computed in groups of the same
 * breakdown (those without dimensions in one call); a period that runs past the reporting period is
 * computed again as the window up to its `asOf`, and a period after it carries its target only.
 */
async function indicatorsOf(
  db: Database,
  organisationId: string,
  rows: readonly IndicatorRow[],
  template: ReportTemplate,
  periods: readonly PeriodRef[],
  rp: PeriodRef,
  comments: ReadonlyMap<string, Partial<Record<Locale, string>>>,
  signal?: AbortSignal,
  progress: (step: string) => void = () => {},
  within?: PlaceScope,
): Promise<Indicator[]> {
  const { clipOf, wanted } = windowsOf(periods);
  const values = await valuesOf(
    db,
    organisationId,
    rows,
    wanted,
    template,
    within,
    signal,
    progress,
  );
  const { targets, baselines } = await listTargetsAndBaselines(
    db,
    organisationId,
    rows.map((r) => r.id),
  );
  const inputs: PeriodValueInputs = {
    values,
    clipOf,
    rp,
    scale: template.achievement.scale,
    comments,
    cellTargets: targets.filter((t) => t.cellKey !== ''),
  };
  checkpoint(signal);

  return rows.map((row) => {
    checkpoint(signal);
    const rule: AchievementRule = achievementRuleOf(row, template.achievement.rule);
    const stored = baselines.find((b) => b.indicatorId === row.id && b.cellKey === '');
    return {
      code: row.code,
      nodeCode: row.node?.code ?? '',
      title: { fr: row.title, en: row.titleEn },
      definition: row.description ? sameText(row.description) : undefined,
      unit: row.unit,
      direction: row.direction,
      achievementRule: rule,
      cumulative: row.cumulative,
      additive: additive(row),
      dimensions: row.dimensions,
      baseline: stored
        ? { value: stored.value, year: stored.year, date: stored.date ?? undefined }
        : null,
      values: periods.map((p) => periodValue(row, rule, p, inputs)),
      sourcesOfVerification: row.sourceOfVerification ? [sameText(row.sourceOfVerification)] : [],
    };
  });
}

type StoredTargets = Awaited<ReturnType<typeof listTargetsAndBaselines>>['targets'];

/**
 * The targets an indicator has for single breakdown cells in a period (`{ sex: 'female' }` → 90), by
 * the engine's rule for the total's target: the window's (its own, a sum of the quarters that tile
 * a summed indicator's period, or a holding period's pro-rated by days), or the life-of-grant one.
 */
function targetsOfCells(
  row: IndicatorRow,
  rows: StoredTargets,
  p: PeriodRef,
  clip: Period | undefined,
): { key: Record<string, string>; value: number }[] {
  const mine = rows.filter((t) => t.indicatorId === row.id);
  if (mine.length === 0) return [];
  const definition = toDefinition(row);
  const targets: Target[] = mine.flatMap((t) => {
    const key = parseCellKey(t.cellKey);
    return key.ok
      ? [
          {
            indicator: definition.code,
            period: { code: t.periodCode, start: t.periodStart, end: t.periodEnd },
            value: t.value,
            lifeOfGrant: t.lifeOfGrant,
            breakdown: key.value,
          },
        ]
      : [];
  });
  const out: { key: Record<string, string>; value: number }[] = [];
  for (const cell of new Set(mine.map((t) => t.cellKey))) {
    const key = parseCellKey(cell);
    if (!key.ok) continue;
    const lifeOfGrant = p.roles.includes('life-of-grant');
    // The cell's target by the total's rule: the window's (cut at the reporting period's end when
    // it says « à date »), or the life of the grant's own.
    const found = lifeOfGrant
      ? targetFor(targets, definition, toPeriod(p), { breakdown: key.value, lifeOfGrant })
      : targetForWindow(targets, definition, clip ?? toPeriod(p), { breakdown: key.value });
    if (found.ok)
      out.push({
        key: key.value,
        value: typeof found.value === 'number' ? found.value : found.value.value,
      });
  }
  return out;
}

/** The figures a report would write, for scripts and previews: per indicator and period. */
export function reportPreview(built: BuiltReport) {
  const { model, template } = built;
  // The one period whose target, achievement and status the report states (statusRole).
  const role = statusRole(template);
  const statusPeriod =
    model.periods.find((p) => p.roles.includes(role)) ??
    model.periods.find((p) => p.code === model.reportingPeriod);
  return {
    template: { id: template.id, version: template.version },
    statusPeriod: statusPeriod
      ? {
          code: statusPeriod.code,
          kind: statusPeriod.kind,
          role,
          label: statusPeriod.label,
          asOf: statusPeriod.asOf ?? null,
          wholeLabel: statusPeriod.wholeLabel ?? null,
        }
      : null,
    grant: { code: model.grant.code, title: model.grant.title.fr, donor: model.grant.donor.name },
    generatedAt: model.generatedAt,
    reportingPeriod: model.reportingPeriod,
    periods: model.periods.map((p) => ({
      code: p.code,
      start: p.start,
      end: p.end,
      roles: p.roles,
      label: p.label,
      asOf: p.asOf ?? null,
      wholeLabel: p.wholeLabel ?? null,
    })),
    // Figures rounded as every API answer is (rounded-output.ts); the model keeps full precision.
    indicators: model.indicators.map((i) => ({
      code: i.code,
      title: i.title,
      result: i.nodeCode,
      unit: i.unit,
      cumulative: i.cumulative,
      baseline: roundForOutput(i.baseline?.value ?? null, i.unit),
      values: i.values.map((v) => ({
        period: v.period,
        target: roundForOutput(v.target, i.unit),
        targetProRated: v.targetProRated ?? null,
        // A period cut « à date »: its whole target too (null when not cut: `target` is whole).
        wholeTarget: v.wholeTarget === undefined ? null : roundForOutput(v.wholeTarget, i.unit),
        wholeTargetProRated: v.wholeTargetProRated ?? null,
        actual: v.actual ? { ...v.actual, value: roundForOutput(v.actual.value, i.unit) } : null,
        // The actual as every output states it (« au moins 179 (13 activités sans décompte) »).
        actualStated: v.actual
          ? { fr: statedActual(v, 'fr') ?? '', en: statedActual(v, 'en') ?? '' }
          : null,
        uncounted: v.uncounted ?? 0,
        achievement: roundRatioForOutput(v.achievement),
        achievementAtLeast: v.achievementAtLeast ?? false,
        achievementAtMost: v.achievementAtMost ?? false,
        status: v.status,
        comment: v.comment ?? null,
        commentLanguage: v.commentLanguage ?? null,
        breakdown: v.breakdown
          ? roundedBreakdown(v.breakdown, i.unit)
              .cells.filter((c) => Object.keys(c.key).length === 1)
              .map((c) => ({ key: c.key, value: c.value, bounds: c.bounds }))
          : null,
      })),
    })),
    activities: model.activities.length,
    // Listed wherever they are counted: each with its date and what it says.
    dataQuality: model.dataQuality.map((f) => ({
      severity: f.severity,
      code: f.code,
      subject: f.subject,
      date: f.date ?? null,
      message: f.message,
    })),
    restatements: model.restatements ?? [],
  };
}

/** {@link reportPreview}'s shape. */
export type ReportPreview = ReturnType<typeof reportPreview>;

/** What {@link reportStatuses} says of one indicator: the report's target, achievement and status. */
export interface ReportStatusItem {
  code: string;
  target: number | null;
  targetProRated: { from: string; days: number; of: number } | null;
  /** The whole status period's target when it is judged « à date » (the milestone is `target`); else null. */
  wholeTarget: number | null;
  achievement: number | null;
  achievementAtLeast: boolean;
  achievementAtMost: boolean;
  status: IndicatorValue['status'];
}

/**
 * The status of each of a grant's indicators exactly as its report states it (statusRole): the
 * template's period (UNDP: the fiscal year to date against its target; USAID's IPTT: the life of
 * the grant), through the same steps as {@link buildReportModel}, for that one period only. The
 * indicators page shows these, so the page, the preview, the workbook and IATI say one status.
 * @example await reportStatuses(db, org, { grant: 'PROSMED-CCSC', period: '2023-Q2' }) // { statusPeriod: { code: '2023', role: 'fiscal-year', … }, items: […] }
 */
export async function reportStatuses(
  db: Database,
  organisationId: string,
  request: Pick<ReportRequest, 'grant' | 'period' | 'template'>,
): Promise<
  Result<
    {
      template: { id: string; version: string; name: LocalizedText };
      statusPeriod: PeriodRef & { role: ReturnType<typeof statusRole> };
      items: ReportStatusItem[];
    },
    ApiFailure
  >
> {
  const setup = await reportSetup(db, organisationId, request);
  if (!setup.ok) return setup;
  const { grant, template, plan, rp } = setup.value;
  const role = statusRole(template);
  const statusPeriod = plan.periods.find((p) => p.roles.includes(role)) ?? rp;
  const { rows } = await frameworkOf(db, organisationId, grant.id);
  const indicators = await indicatorsOf(
    db,
    organisationId,
    rows,
    template,
    [statusPeriod],
    rp,
    new Map(),
  );
  return ok({
    template: { id: template.id, version: template.version, name: template.name },
    statusPeriod: { ...statusPeriod, role },
    items: indicators.map((i) => {
      const v = must(i.values[0], 'the status period’s value');
      return {
        code: i.code,
        target: roundForOutput(v.target, i.unit),
        targetProRated: v.targetProRated ?? null,
        wholeTarget: v.wholeTarget === undefined ? null : roundForOutput(v.wholeTarget, i.unit),
        achievement: roundRatioForOutput(v.achievement),
        achievementAtLeast: v.achievementAtLeast ?? false,
        achievementAtMost: v.achievementAtMost ?? false,
        status: v.status,
      };
    }),
  });
}
