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

/** A figure left out of the file, and why (shown to whoever downloads it). */
export type AdxOmission = {
  period: string;
  indicator: string;
  key: Record<string, string>;
  reason: AdxOmissionReason;
};

/** Options of {@link renderAdx}. */
export type AdxOptions = {
  /** Periods to send (codes of the model's periods); the reporting period by default. */
  periodCodes?: string[];
  /** Language of the annotations on approximate and lower-bound values; French by default. */
  locale?: Locale;
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

type Built = { values: XmlNode[]; omitted: AdxOmission[] };

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
    out.omitted.push({ period, indicator: ind.code, key: {}, reason: 'no-value' });
    return;
  }
  const figure = figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
  const why = whyNotSent(figure);
  if (why) out.omitted.push({ period, indicator: ind.code, key: {}, reason: why });
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
      out.omitted.push({ period, indicator: ind.code, key: cell.key, reason });
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

function group(
  model: ReportModel,
  mapping: AdxMapping,
  period: PeriodRef,
  locale: Locale,
  out: AdxOmission[],
): XmlNode | null {
  const built: Built = { values: [], omitted: out };
  for (const ind of model.indicators) {
    const im = mapping.indicators[ind.code];
    if (!im || ind.unit === 'qualitative') continue;
    const v = ind.values.find((x) => x.period === period.code);
    if (im.total) totalValue(ind, v, im.total, locale, built, period.code);
    for (const b of im.breakdowns) breakdownValues(ind, v, b, mapping, locale, built, period.code);
  }
  if (built.values.length === 0) return null;
  return el(
    'group',
    {
      orgUnit: mapping.orgUnit,
      period: adxPeriod(period.start, period.asOf ?? period.end),
      dataSet: mapping.dataSet,
      ...mapping.groupAttributes,
    },
    built.values,
  );
}

/**
 * ADX 1.0 XML (IHE QRPH, `urn:ihe:qrph:adx:2015`) of a report model's indicator values, through an
 * organisation's mapping: one group per period (org unit, data set, the grant's attribute options),
 * one data value per mapped total and breakdown cell. Only figures the engine states as a number
 * go out: exact ones plain, approximate and lower-bound ones with an annotation saying so; a figure
 * known only as an interval, or not at all, is left out and listed in `omitted`. Nothing to send
 * at all is an error (ADX has no empty message).
 * @example renderAdx(model, defaultAdxMapping(model)) // ok({ xml: '<?xml version="1.0" …', omitted: [...] })
 */
export function renderAdx(
  model: ReportModel,
  mapping: AdxMapping,
  options: AdxOptions = {},
): Result<{ xml: string; omitted: AdxOmission[] }, { code: 'empty'; omitted: AdxOmission[] }> {
  const codes = options.periodCodes ?? [model.reportingPeriod];
  const omitted: AdxOmission[] = [];
  const groups = model.periods
    .filter((p) => codes.includes(p.code))
    .map((p) => group(model, mapping, p, options.locale ?? 'fr', omitted))
    .filter((g): g is XmlNode => g !== null);
  if (groups.length === 0) return err({ code: 'empty', omitted });
  const root = el('adx', { xmlns: ADX_NAMESPACE, exported: model.generatedAt }, groups);
  return ok({ xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(root)}\n`, omitted });
}
