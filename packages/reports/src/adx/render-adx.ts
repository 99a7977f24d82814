import {
  addDays,
  err,
  figureOf,
  formatFigure,
  ok,
  toDayNumber,
  type Figure,
  type Locale,
  type Result,
} from '@jalon/domain';
import type { PeriodRef } from '../model/common';
import type { ReportModel } from '../model/report-model';
import type { Indicator, IndicatorValue } from '../model/results';
import { el, serializeXml, type XmlNode } from '../iati/xml-builder';
import { reportSays } from '../messages/index';
import type { AdxMapping } from './adx-mapping';
import type { Dhis2MappingGap } from '../dhis2/render-dhis2';
import {
  orgUnitOfRegion,
  regionalParts,
  type Dhis2RegionFigures,
  type RegionalPart,
} from '../dhis2/regional-parts';

/** The ADX 1.0 namespace (IHE QRPH Aggregate Data Exchange, 2015). */
export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

/**
 * A period as ADX writes it, its start and an ISO 8601 duration: whole months as `P3M` (a year
 * `P1Y`, whatever month it starts in: `2023-10-01/P1Y` is a fiscal year from October), anything else
 * in days.
 * @example adxPeriod('2023-04-01', '2023-06-30') // '2023-04-01/P3M'
 */
export function adxPeriod(start: string, end: string): string {
  const after = addDays(end, 1);
  if (start.slice(8) === '01' && after.slice(8) === '01') {
    const months =
      (Number(after.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
      Number(after.slice(5, 7)) -
      Number(start.slice(5, 7));
    return `${start}/${months === 12 ? 'P1Y' : `P${months}M`}`;
  }
  return `${start}/P${toDayNumber(after) - toDayNumber(start)}D`;
}

/** Why a figure of the model did not go out as a data value. */
export type AdxOmissionReason =
  | 'interval' // the engine knows only a range (« entre 56 et 97 »): bounds never go out
  | 'unknown' // nothing was counted (« nombre inconnu »)
  | 'no-value' // the indicator has no actual for the period
  | 'unmapped-option'; // a category of the cell has no option code in the mapping

/**
 * A figure left out of the file, and why (shown to whoever downloads it); `region` is the place
 * it was computed for (absent or null: the organisation's, `*` outside every region).
 */
export type AdxOmission = {
  period: string;
  indicator: string;
  key: Record<string, string>;
  reason: AdxOmissionReason;
  region?: string | null;
};

/** Options of {@link renderAdx}. */
export type AdxOptions = {
  /** Periods to send (codes of the model's periods); the reporting period by default. */
  periodCodes?: string[];
  /** Language of the annotations on approximate and lower-bound values; French by default. */
  locale?: Locale;
  /**
   * Per region, its indicators computed within it, as DHIS2's dataValueSet takes them: with
   * regions in the mapping's DHIS2 part, one group per region's org unit (and one for the
   * `outside` org unit, with `outside`'s figures); none: every figure under the organisation's.
   */
  regions?: Dhis2RegionFigures[];
  /** The indicators counted by place computed outside every region (see DHIS2's `outside`). */
  outside?: Indicator[];
};

/**
 * What a data value says besides its number, when it is not a plain exact count: its meaning and
 * the figure in words, as every other output says it. Null for an exact, closed figure.
 */
export function figureAnnotation(figure: Figure, locale: Locale): string | null {
  const kind =
    figure.qualifier === 'approximate'
      ? figure.atLeast
        ? 'approximate-at-least'
        : 'approximate'
      : figure.atLeast || figure.qualifier === 'at-least'
        ? 'at-least'
        : null;
  if (!kind && figure.uncounted === 0) return null;
  const stated = reportSays(locale, 'adx-actual', formatFigure(figure, locale));
  return [kind ? reportSays(locale, `adx-${kind}`) : null, stated].filter(Boolean).join('. ') + '.';
}

/** Whether a figure may go out as a number, or why not (bounds never; an unknown count never). */
export function whyNotSent(figure: Figure): AdxOmissionReason | null {
  const b = figure.bounds;
  if (b && b.upper !== null && b.upper !== b.lower) return 'interval';
  if (figure.atLeast && figure.value === 0) return 'unknown';
  return null;
}

/** ADX decimals: plain, never exponents, at most 6 decimals. */
function num(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

type Built = { values: XmlNode[]; omitted: AdxOmission[]; region: string | null };

/** The region of an omission, said only for a regional file's figures (the organisation's: none). */
const at = (out: Built) => (out.region === null ? {} : { region: out.region });

function dataValue(
  dataElement: string,
  categories: Record<string, string>,
  figure: Figure,
  locale: Locale,
): XmlNode {
  const note = figureAnnotation(figure, locale);
  return el('dataValue', { dataElement, ...categories, value: num(figure.value) }, [
    note ? el('annotation', {}, [note]) : null,
  ]);
}

/** The total of an indicator for a period, as one data value (or why it stays out). */
function totalValue(
  ind: Indicator,
  v: IndicatorValue | undefined,
  dataElement: string,
  locale: Locale,
  out: Built,
  period: string,
): void {
  if (!v?.actual) {
    out.omitted.push({ period, indicator: ind.code, key: {}, reason: 'no-value', ...at(out) });
    return;
  }
  const figure = figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
  const why = whyNotSent(figure);
  if (why) out.omitted.push({ period, indicator: ind.code, key: {}, reason: why, ...at(out) });
  else out.values.push(dataValue(dataElement, {}, figure, locale));
}

/** The cells of a breakdown that cross exactly `by`, each as a data value (or why it stays out). */
function breakdownValues(
  ind: Indicator,
  v: IndicatorValue | undefined,
  breakdown: { dataElement: string; by: string[] },
  mapping: AdxMapping,
  locale: Locale,
  out: Built,
  period: string,
): void {
  const by = [...breakdown.by].sort();
  for (const cell of v?.breakdown?.cells ?? []) {
    const dims = Object.keys(cell.key).sort();
    if (dims.length !== by.length || dims.some((d, i) => d !== by[i])) continue;
    const omit = (reason: AdxOmissionReason) =>
      out.omitted.push({ period, indicator: ind.code, key: cell.key, reason, ...at(out) });
    // A cell without a value is known only by its bounds: bounds never go out.
    if (!cell.value) {
      omit(cell.bounds.lower === 0 && cell.bounds.upper === null ? 'unknown' : 'interval');
      continue;
    }
    const categories: Record<string, string> = {};
    let mapped = true;
    for (const d of breakdown.by) {
      const c = mapping.categories[d];
      const option = c?.options[cell.key[d] ?? ''];
      if (!c || !option) mapped = false;
      else categories[c.category] = option;
    }
    if (!mapped) {
      omit('unmapped-option');
      continue;
    }
    const figure = figureOf({ ...cell.value, bounds: cell.bounds });
    const why = whyNotSent(figure);
    if (why) omit(why);
    else out.values.push(dataValue(breakdown.dataElement, categories, figure, locale));
  }
}

/** The data values of a part's indicators for a period (each mapped total and cell). */
function partValues(
  part: RegionalPart,
  mapping: AdxMapping,
  period: PeriodRef,
  locale: Locale,
  out: AdxOmission[],
): XmlNode[] {
  const built: Built = { values: [], omitted: out, region: part.region };
  for (const ind of part.indicators) {
    const im = mapping.indicators[ind.code];
    if (!im || ind.unit === 'qualitative') continue;
    const v = ind.values.find((x) => x.period === period.code);
    if (im.total) totalValue(ind, v, im.total, locale, built, period.code);
    for (const b of im.breakdowns) breakdownValues(ind, v, b, mapping, locale, built, period.code);
  }
  return built.values;
}

/** The org unit of a part's group: ADX's own for the organisation, else the DHIS2 part's. */
function orgUnitOf(mapping: AdxMapping, region: string | null): string | undefined {
  if (region === null || !mapping.dhis2) return mapping.orgUnit;
  return orgUnitOfRegion(mapping.dhis2, region, mapping.orgUnit);
}

/**
 * ADX 1.0 XML (IHE QRPH, `urn:ihe:qrph:adx:2015`) of a report model's indicator values, through an
 * organisation's mapping: one group per period (org unit, data set, the grant's attribute options),
 * one data value per mapped total and breakdown cell — per org unit when the mapping's DHIS2 part
 * maps regions and the figures per region are given (the same parts as DHIS2's dataValueSet). Only figures the engine states as a number
 * go out: exact ones plain, approximate and lower-bound ones with an annotation saying so; a figure
 * known only as an interval, or not at all, is left out and listed in `omitted`. Nothing to send
 * at all is an error (ADX has no empty message).
 * @example renderAdx(model, defaultAdxMapping(model)) // ok({ xml: '<?xml version="1.0" …', omitted: [...] })
 */
export function renderAdx(
  model: ReportModel,
  mapping: AdxMapping,
  options: AdxOptions = {},
): Result<
  { xml: string; omitted: AdxOmission[] },
  { code: 'empty'; omitted: AdxOmission[] } | { code: 'mapping'; gaps: Dhis2MappingGap[] }
> {
  const codes = options.periodCodes ?? [model.reportingPeriod];
  const locale = options.locale ?? 'fr';
  const parts = regionalParts(model, mapping, options);
  const omitted: AdxOmission[] = [];
  const gaps = new Map<string, Dhis2MappingGap>();
  const groups: XmlNode[] = [];
  for (const period of model.periods.filter((p) => codes.includes(p.code))) {
    // One group per org unit: the outside unit may be the organisation's own.
    const byUnit = new Map<string, XmlNode[]>();
    for (const part of parts) {
      const values = partValues(part, mapping, period, locale, omitted);
      if (values.length === 0) continue;
      const orgUnit = orgUnitOf(mapping, part.region);
      if (!orgUnit) {
        if (part.region !== null) gaps.set(part.region, { kind: 'org-unit', region: part.region });
        continue;
      }
      byUnit.set(orgUnit, [...(byUnit.get(orgUnit) ?? []), ...values]);
    }
    for (const [orgUnit, values] of byUnit)
      groups.push(
        el(
          'group',
          {
            orgUnit,
            period: adxPeriod(period.start, period.asOf ?? period.end),
            dataSet: mapping.dataSet,
            ...mapping.groupAttributes,
          },
          values,
        ),
      );
  }
  if (gaps.size > 0) return err({ code: 'mapping', gaps: [...gaps.values()] });
  if (groups.length === 0) return err({ code: 'empty', omitted });
  const root = el('adx', { xmlns: ADX_NAMESPACE, exported: model.generatedAt }, groups);
  return ok({ xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(root)}\n`, omitted });
}
