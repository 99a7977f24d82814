import {
  cellKeyToString,
  figureOf,
  formatAchievement,
  formatFigure,
  inEachLanguage,
  projectBreakdown,
  type Bounds,
  type LocalizedText,
  type Qualifier,
} from '@jalon/domain';
import type { PeriodRef, PeriodRole } from '../model/common';
import type { ReportModel } from '../model/report-model';
import type { Indicator, IndicatorValue, ResultNode } from '../model/results';
import { el, serializeXml, type XmlNode } from './xml-builder';
import { reportSays, reportText } from '../messages/index';

/**
 * How breakdowns are published: `dimension` elements on extra `actual`s (one per category: independent
 * marginals), or `indicator-per-breakdown`, each category its own indicator — what the Netherlands
 * ministry asks for, since it ignores `dimension`.
 */
export type IatiBreakdownMode = 'dimension' | 'indicator-per-breakdown';

/** Options of {@link renderIati}. */
export type IatiOptions = {
  breakdowns?: IatiBreakdownMode;
  /** Periods to publish; by default the sub-periods up to the reporting period, else the reporting period. */
  periodCodes?: string[];
  /**
   * Write a numeric baseline of 0 where none was measured (the Netherlands ministry wants numbers,
   * "0, never n/a"); otherwise an unmeasured baseline is left out.
   */
  zeroMissingBaseline?: boolean;
  /**
   * The period the report's template judges status on (`statusRole(template)`): published too,
   * its target saying it is the one the status is judged against, with that status — the same
   * target, achievement and status as the preview and the workbook.
   */
  statusRole?: PeriodRole;
};

const STATUS_TEXT: Record<IndicatorValue['status'], LocalizedText> = {
  'on-track': reportText('status-on-track'),
  watch: reportText('status-watch'),
  'off-track': reportText('status-off-track'),
  'no-data': reportText('status-no-data'),
};

/**
 * The comment of the target a report judges status against: which period's target it is, the
 * achievement and the status (« … statut jugé sur cette cible : en bonne voie (≥ 97 %) »).
 */
function statusTargetComment(p: PeriodRef, v: IndicatorValue): XmlNode {
  const bound = v.achievementAtLeast ? 'at-least' : v.achievementAtMost ? 'at-most' : null;
  const said = (l: 'fr' | 'en') => {
    const ratio = v.achievement === null ? '' : ` (${formatAchievement(v.achievement, bound, l)})`;
    return reportSays(l, 'iati-status-target', p.label[l], STATUS_TEXT[v.status][l], ratio);
  };
  return el('comment', {}, [
    el('narrative', {}, [said('fr')]),
    el('narrative', { 'xml:lang': 'en' }, [said('en')]),
  ]);
}

/** The period `statusRole` names in the model (the reporting period when none has that role). */
function statusPeriodOf(model: ReportModel, role: PeriodRole | undefined): PeriodRef | undefined {
  if (!role) return undefined;
  return (
    model.periods.find((p) => p.roles.includes(role)) ??
    model.periods.find((p) => p.code === model.reportingPeriod)
  );
}

const RESULT_TYPE = { output: '1', outcome: '2', impact: '3' } as const;
const MEASURE = { number: '1', percent: '2', score: '4', qualitative: '5' } as const;

function narratives(text: LocalizedText): XmlNode[] {
  // French is the activity's default language; English is tagged. A text stored once (a
  // definition, an assumption, a name) is the same on both sides: it is one narrative in the
  // default language, never a French text tagged as English.
  if (text.en === text.fr) return [el('narrative', {}, [text.fr])];
  return [el('narrative', {}, [text.fr]), el('narrative', { 'xml:lang': 'en' }, [text.en])];
}

/** IATI numbers: plain decimals, never exponents, at most 6 decimals. */
function num(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

const QUALIFIER_TEXT: Record<string, LocalizedText> = {
  approximate: reportText('iati-approximate'),
  'at-least': reportText('iati-at-least'),
  'approximate-at-least': reportText('iati-approximate-at-least'),
  bounded: reportText('iati-bounded'),
};

/** What an IATI actual carries: the domain's figure (qualifier, interval) and its value. */
type IatiActual = {
  value: number;
  qualifier: Qualifier;
  atLeast?: boolean;
  bounds?: Bounds | null;
};

/**
 * The comment of an actual: what its qualifier means (an approximate actual open above says both),
 * how many activities nobody counted, then what the organisation said about the period's figures
 * (the same comment the Excel formats carry), in one `comment` (IATI allows one), one narrative
 * per language. A comment written only in French goes in the French narrative, tagged
 * `xml:lang="fr"`, never in the English one.
 */
function actualComment(
  actual: IatiActual,
  said?: LocalizedText,
  saidLanguage?: IndicatorValue['commentLanguage'],
  uncounted = 0,
): XmlNode | null {
  const texts: Record<'fr' | 'en', string[]> = { fr: [], en: [] };
  const figure = figureOf({ ...actual, uncounted });
  const interval =
    figure.bounds && figure.bounds.upper !== null && figure.bounds.upper !== figure.bounds.lower;
  const meaning =
    QUALIFIER_TEXT[
      interval
        ? 'bounded'
        : actual.qualifier === 'approximate' && figure.atLeast
          ? 'approximate-at-least'
          : actual.qualifier
    ];
  for (const lang of ['fr', 'en'] as const) {
    if (meaning) texts[lang].push(meaning[lang]);
    // The figure in words, as the workbook and the pages say it (« entre 56 et 97 », « au moins
    // 179 (13 activités sans décompte) »): the value attribute alone cannot say it.
    if (meaning || uncounted > 0)
      texts[lang].push(reportSays(lang, 'iati-actual', formatFigure(figure, lang)));
  }
  if (said)
    for (const side of ['fr', 'en'] as const) {
      const lang = saidLanguage?.[side] ?? side;
      if (!texts[lang].includes(said[side])) texts[lang].push(said[side]);
    }
  const join = (lang: 'fr' | 'en') =>
    texts[lang]
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => (/[.!?…]$/.test(t) ? t : `${t}.`))
      .join(' ');
  const fr = join('fr');
  const en = join('en');
  if (!fr && !en) return null;
  return el('comment', {}, [
    fr ? el('narrative', saidLanguage ? { 'xml:lang': 'fr' } : {}, [fr]) : null,
    en ? el('narrative', { 'xml:lang': 'en' }, [en]) : null,
  ]);
}

function publishedPeriods(model: ReportModel, options: IatiOptions): PeriodRef[] {
  if (options.periodCodes)
    return model.periods.filter((p) => options.periodCodes?.includes(p.code));
  const rp = model.periods.find((p) => p.code === model.reportingPeriod);
  const subs = model.periods.filter(
    (p) => p.roles.includes('sub-period') && rp && p.start <= rp.end,
  );
  const published = subs.length > 0 ? subs : rp ? [rp] : [];
  // The period status is judged on is published with its own target, even beside its quarters.
  const judged = statusPeriodOf(model, options.statusRole);
  return judged && !published.some((p) => p.code === judged.code)
    ? [...published, judged]
    : published;
}

function baselineNode(
  ind: Indicator,
  model: ReportModel,
  options: IatiOptions,
  value?: number | null,
): XmlNode | null {
  const numeric = ind.unit !== 'qualitative';
  const b = ind.baseline;
  if (!b) {
    if (!options.zeroMissingBaseline || !numeric) return null;
    return el('baseline', { year: Number(model.grant.start.slice(0, 4)), value: '0' }, [
      el('comment', {}, narratives(reportText('iati-no-baseline'))),
    ]);
  }
  const v = value === undefined ? b.value : value;
  return el(
    'baseline',
    {
      year: b.year,
      'iso-date': b.date,
      value:
        numeric && v !== null ? num(v) : numeric && options.zeroMissingBaseline ? '0' : undefined,
    },
    [b.comment ? el('comment', {}, narratives(b.comment)) : null],
  );
}

function indicatorNode(
  ind: Indicator,
  title: LocalizedText,
  code: string,
  periods: PeriodRef[],
  model: ReportModel,
  options: IatiOptions,
  valueOf: (v: IndicatorValue) => {
    target: number | null;
    actual: IatiActual | null;
    dimensions?: XmlNode[][];
  },
): XmlNode {
  const numeric = ind.unit !== 'qualitative';
  const description: LocalizedText = {
    fr: [
      ind.definition?.fr,
      reportSays('fr', ind.cumulative ? 'iati-cumulative' : 'iati-each-period'),
    ]
      .filter(Boolean)
      .join(' '),
    en: [
      // A definition written only in French stays in the French narrative.
      ind.definition?.en !== ind.definition?.fr ? ind.definition?.en : undefined,
      reportSays('en', ind.cumulative ? 'iati-cumulative' : 'iati-each-period'),
    ]
      .filter(Boolean)
      .join(' '),
  };
  const judged = statusPeriodOf(model, options.statusRole);
  const periodNodes = periods.map((p) => {
    const v = ind.values.find((x) => x.period === p.code);
    const figures = v ? valueOf(v) : { target: null, actual: null };
    // The target the status is judged against says so, on the indicator itself (not on a
    // category of its breakdown, whose target is not published).
    const judgedHere = v && judged?.code === p.code && title === ind.title;
    const actuals: XmlNode[] = [];
    if (figures.actual && numeric)
      actuals.push(
        el('actual', { value: num(figures.actual.value) }, [
          actualComment(figures.actual, v?.comment, v?.commentLanguage, v?.uncounted),
        ]),
      );
    if (!numeric && v?.actualText)
      actuals.push(el('actual', {}, [el('comment', {}, narratives(v.actualText))]));
    for (const dims of figures.dimensions ?? []) actuals.push(...dims);
    return el('period', {}, [
      el('period-start', { 'iso-date': p.start }),
      // A period reported « à date » ends, for its figures, on that day.
      el('period-end', { 'iso-date': p.asOf ?? p.end }),
      figures.target !== null && numeric
        ? el('target', { value: num(figures.target) }, [
            judgedHere ? statusTargetComment(p, v) : null,
          ])
        : null,
      ...actuals,
    ]);
  });
  return el(
    'indicator',
    {
      measure: MEASURE[ind.unit],
      ascending: ind.direction === 'higher-is-better',
      'aggregation-status': ind.additive,
    },
    [
      el('title', {}, narratives(title)),
      el('description', {}, narratives(description)),
      el('reference', { vocabulary: '99', code }),
      baselineNode(ind, model, options),
      ...periodNodes,
    ],
  );
}

/**
 * IATI 2.03 activity XML for a report model's grant: identifiers, participating organisations, incoming
 * funds with the funder's activity identifier, and the results framework with baselines, periods,
 * targets and actuals. Values are written only for numeric measures; approximate and lower-bound
 * actuals carry a comment saying so; breakdowns become `dimension`s or indicators of their own.
 * @example renderIati(model, { breakdowns: 'indicator-per-breakdown', zeroMissingBaseline: true }) // '<?xml version="1.0" …'
 */
export function renderIati(model: ReportModel, options: IatiOptions = {}): string {
  const g = model.grant;
  const iati = g.iati;
  const org = model.organisation;
  const identifier = iati?.activityIdentifier ?? `${org.iati?.ref ?? org.code}-${g.code}`;
  const periods = publishedPeriods(model, options);
  const results = resultsOf(model, options, periods);

  const participating = (
    iati?.participatingOrgs ?? [
      {
        role: '4' as const,
        ref: org.iati?.ref,
        type: org.iati?.type,
        name: { fr: org.name, en: org.name },
      },
    ]
  ).map((p) =>
    el(
      'participating-org',
      { ref: p.ref, type: p.type, role: p.role, 'activity-id': p.activityId },
      narratives(p.name),
    ),
  );
  const transactions = (iati?.incomingFunds ?? []).map((t) =>
    el('transaction', {}, [
      el('transaction-type', { code: '1' }),
      el('transaction-date', { 'iso-date': t.date }),
      el('value', { currency: g.currency, 'value-date': t.date }, [num(t.value)]),
      el(
        'provider-org',
        {
          ref: g.donor.iati?.ref,
          'provider-activity-id': iati?.providerActivityId,
          type: g.donor.iati?.type,
        },
        [el('narrative', {}, [g.donor.name])],
      ),
    ]),
  );
  const activity = el(
    'iati-activity',
    {
      'last-updated-datetime': model.generatedAt,
      'xml:lang': 'fr',
      'default-currency': g.currency,
    },
    [
      el('iati-identifier', {}, [identifier]),
      el('reporting-org', { ref: org.iati?.ref ?? org.code, type: org.iati?.type ?? '22' }, [
        el('narrative', {}, [org.name]),
      ]),
      el('title', {}, narratives(g.title)),
      el(
        'description',
        { type: '1' },
        narratives({
          fr: reportSays('fr', 'iati-funded-by', g.title.fr, g.donor.name),
          en: reportSays('en', 'iati-funded-by', g.title.en, g.donor.name),
        }),
      ),
      ...analysisDescription(model.narrative),
      ...participating,
      el('activity-status', { code: iati?.activityStatus ?? '2' }),
      el('activity-date', { type: '2', 'iso-date': g.start }),
      el('activity-date', { type: '3', 'iso-date': g.end }),
      ...(iati?.recipientCountries ?? [org.country]).map((c, _, all) =>
        el('recipient-country', { code: c, percentage: all.length === 1 ? 100 : undefined }),
      ),
      ...(iati?.sectors ?? []).map((s, _, all) =>
        el('sector', { vocabulary: '1', code: s, percentage: all.length === 1 ? 100 : undefined }),
      ),
      ...transactions,
      ...results.filter((r): r is XmlNode => r !== null),
    ],
  );
  const root = el('iati-activities', { version: '2.03', 'generated-datetime': model.generatedAt }, [
    activity,
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(root)}\n`;
}

/**
 * The activity's results, in the framework's order: each with its indicators (and, in
 * `indicator-per-breakdown` mode, one indicator per category); null for a result without any.
 */
function resultsOf(
  model: ReportModel,
  options: IatiOptions,
  periods: PeriodRef[],
): (XmlNode | null)[] {
  const mode = options.breakdowns ?? 'dimension';
  const dims = (code: string) => model.dimensions.find((d) => d.code === code);

  return orderedResults(model.framework).map((node) => {
    const indicators = model.indicators.filter((i) => i.nodeCode === node.code);
    const nodes: XmlNode[] = [];
    for (const ind of indicators) {
      const base = (v: IndicatorValue) => ({ target: v.target, actual: v.actual });
      if (mode === 'dimension') {
        nodes.push(
          indicatorNode(ind, ind.title, ind.code, periods, model, options, (v) => {
            const rows = v.breakdown
              ? projectBreakdown(v.breakdown, 'marginals', { dimensions: model.dimensions }).filter(
                  (r) => cellKeyToString(r.key) !== '' && r.value,
                )
              : [];
            // One actual per category: independent marginals (two dimensions on one actual would claim a cross-tab cell).
            const dimensionActuals = rows.map((r) => {
              const [d, c] = Object.entries(r.key)[0] ?? ['', ''];
              return [
                el('actual', { value: num(r.value?.value ?? 0) }, [
                  el('dimension', {
                    name: dims(d)?.label.en ?? d,
                    value: dims(d)?.categories.find((x) => x.code === c)?.label.en ?? c,
                  }),
                  actualComment(r.value ?? { value: 0, qualifier: 'exact' }),
                ]),
              ];
            });
            return { ...base(v), dimensions: dimensionActuals };
          }),
        );
      } else {
        nodes.push(indicatorNode(ind, ind.title, ind.code, periods, model, options, base));
        const reference = ind.values.find((v) => v.breakdown)?.breakdown;
        if (!reference) continue;
        for (const row of projectBreakdown(reference, 'indicator-per-breakdown', {
          code: ind.code,
          dimensions: model.dimensions,
        })) {
          const key = cellKeyToString(row.key);
          if (key === '') continue;
          const title = inEachLanguage((l) => `${ind.title[l]} — ${row.label[l]}`);
          nodes.push(
            indicatorNode(
              ind,
              title,
              row.code ?? `${ind.code}.${key}`,
              periods,
              model,
              { ...options, zeroMissingBaseline: options.zeroMissingBaseline },
              (v) => {
                const cell = v.breakdown
                  ? projectBreakdown(v.breakdown, 'indicator-per-breakdown', {
                      code: ind.code,
                      dimensions: model.dimensions,
                    }).find((r) => cellKeyToString(r.key) === key)
                  : undefined;
                // A category never recorded is published as what is certain (its lower bound), marked as such.
                const actual: IatiActual | null = cell
                  ? (cell.value ?? {
                      value: cell.bounds.lower,
                      qualifier: 'at-least',
                      bounds: cell.bounds,
                    })
                  : null;
                return { target: null, actual };
              },
            ),
          );
        }
      }
    }
    if (nodes.length === 0) return null;
    return el(
      'result',
      { type: RESULT_TYPE[node.level], 'aggregation-status': indicators.every((i) => i.additive) },
      [el('title', {}, narratives(node.title)), ...nodes],
    );
  });
}

/**
 * The report's analysis, typed on the report page, as an « other » description (type 4), one
 * narrative per language it was written in: a text written only in English is tagged
 * `xml:lang="en"` and never passed off as French (the activity's language), nor the reverse.
 */
function analysisDescription(narrative: ReportModel['narrative']): XmlNode[] {
  const summary = narrative.summary;
  if (!summary) return [];
  const language = narrative.summaryLanguage ?? { fr: 'fr', en: 'en' };
  const written = (['fr', 'en'] as const).filter((side) => language[side] === side);
  const parts = written.length
    ? written.map((lang) =>
        el('narrative', lang === 'en' ? { 'xml:lang': 'en' } : {}, [summary[lang]]),
      )
    : narratives(summary);
  return [el('description', { type: '4' }, parts)];
}

/** Impact first, then outcomes, then outputs, each in framework order. */
function orderedResults(framework: readonly ResultNode[]): ResultNode[] {
  const rank = { impact: 0, outcome: 1, output: 2 } as const;
  return [...framework].sort((a, b) => rank[a.level] - rank[b.level]);
}
