import {
  cellKeyToString,
  err,
  figureOf,
  ok,
  type Figure,
  type Locale,
  type LocalizedText,
  type Result,
} from '@jalon/domain';
import type { ReportModel } from '../model/report-model';
import type { Indicator } from '../model/results';
import { reportText } from '../messages/index';
import type { AdxMapping } from '../adx/adx-mapping';
import { figureAnnotation, whyNotSent, type AdxOmission } from '../adx/render-adx';
import type { Dhis2DataValue, Dhis2DataValueSet } from './dhis2-data-value-set';
import type { Dhis2Mapping } from './dhis2-mapping';
import { orgUnitOfRegion, regionalParts, type Dhis2RegionFigures } from './regional-parts';
import { dhis2Period } from './dhis2-period';

/** Options of {@link renderDhis2}. */
export type Dhis2Options = {
  /** Periods to send (codes of the model's periods); the reporting period by default. */
  periodCodes?: string[];
  /** Language of the comments on approximate and lower-bound values; French by default. */
  locale?: Locale;
  /**
   * Per region, its indicators computed within it. Those indicators go out per region (to the
   * region's org unit), the model's others to the organisation's; none: all to the organisation's.
   */
  regions?: Dhis2RegionFigures[];
  /**
   * The indicators counted by place, computed outside every region: sent to the mapping's
   * `outside` org unit (when it has one), for the indicators that go out per region.
   */
  outside?: Indicator[];
};

/** What the mapping lacks for a figure that would go out: each one is named to whoever fixes it. */
export type Dhis2MappingGap =
  | { kind: 'no-dhis2' }
  | { kind: 'period'; period: string }
  | { kind: 'org-unit'; region: string }
  | { kind: 'combo'; dataElement: string; cell: string }
  | { kind: 'data-element'; dataElement: string };

/** A figure left out of the file, and why, with the region it belongs to (null: the organisation's). */
export type Dhis2Omission = AdxOmission & { region: string | null };

/** A gap in words, French and English, naming what to add to the mapping. */
export function dhis2GapText(gap: Dhis2MappingGap): LocalizedText {
  switch (gap.kind) {
    case 'no-dhis2':
      return reportText('dhis2-gap-none');
    case 'period':
      return reportText('dhis2-gap-period', gap.period);
    case 'org-unit':
      return reportText('dhis2-gap-org-unit', gap.region);
    case 'combo':
      return reportText('dhis2-gap-combo', gap.dataElement, gap.cell || '(total)');
    case 'data-element':
      return reportText('dhis2-gap-data-element', gap.dataElement);
  }
}

/** Nothing to send: no figure of the mapping's indicators is stated as a number. */
export function dhis2NothingText(grant: string, period: string): LocalizedText {
  return reportText('dhis2-nothing', grant, period);
}

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** A figure placed: where it goes and which cell of which data element. */
type Placed = {
  indicator: string;
  region: string | null;
  period: string;
  dataElement: string;
  key: Record<string, string>;
  figure: Figure;
};

/** The figures of a set of indicators for one period that may go out as numbers, and the others. */
function figuresOf(
  indicators: readonly Indicator[],
  mapping: AdxMapping,
  period: string,
  region: string | null,
  omitted: Dhis2Omission[],
): Placed[] {
  const out: Placed[] = [];
  for (const ind of indicators) {
    const im = mapping.indicators[ind.code];
    if (!im || ind.unit === 'qualitative') continue;
    const v = ind.values.find((x) => x.period === period);
    const omit = (key: Record<string, string>, reason: AdxOmission['reason']) =>
      omitted.push({ period, indicator: ind.code, key, reason, region });
    if (im.total) {
      if (!v?.actual) omit({}, 'no-value');
      else {
        const figure = figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
        const why = whyNotSent(figure);
        if (why) omit({}, why);
        else
          out.push({ indicator: ind.code, region, period, dataElement: im.total, key: {}, figure });
      }
    }
    for (const b of im.breakdowns) {
      const by = [...b.by].sort().join(',');
      for (const cell of v?.breakdown?.cells ?? []) {
        if (Object.keys(cell.key).sort().join(',') !== by) continue;
        // A cell without a value is known only by its bounds: bounds never go out.
        if (!cell.value) {
          omit(
            cell.key,
            cell.bounds.lower === 0 && cell.bounds.upper === null ? 'unknown' : 'interval',
          );
          continue;
        }
        const figure = figureOf({ ...cell.value, bounds: cell.bounds });
        const why = whyNotSent(figure);
        if (why) omit(cell.key, why);
        else
          out.push({
            indicator: ind.code,
            region,
            period,
            dataElement: b.dataElement,
            key: cell.key,
            figure,
          });
      }
    }
  }
  return out;
}

/**
 * The targets of a period of the indicators whose mapping names a target data element: the
 * grant's, so the organisation's org unit (never a region's). A period without a target sends none.
 */
function targetsOf(
  indicators: readonly Indicator[],
  mapping: AdxMapping,
  period: string,
): Placed[] {
  const out: Placed[] = [];
  for (const ind of indicators) {
    const dataElement = mapping.indicators[ind.code]?.target;
    const v = ind.values.find((x) => x.period === period);
    if (!dataElement || ind.unit === 'qualitative' || v?.target === null || v?.target === undefined)
      continue;
    // A target pro-rated to a day (« à date ») is not the period's: the period is not sent either.
    if (v.targetProRated) continue;
    const figure = figureOf({ value: v.target, qualifier: 'exact' });
    out.push({ indicator: ind.code, region: null, period, dataElement, key: {}, figure });
  }
  return out;
}

/** DHIS2 decimals: plain, never exponents, at most 6 decimals. */
const num = (value: number) => String(Math.round(value * 1e6) / 1e6);

/**
 * A DHIS2 `dataValueSet` (JSON, as `POST /api/dataValueSets` reads it) of a report model's
 * indicator values through the organisation's mapping: ADX's data elements, DHIS2's category
 * option combination per disaggregation cell, periods as DHIS2 writes them (`2023Q2`, `202304`,
 * `2023`, `2023Oct`), and an org unit per region for the figures the API computed per region.
 * As in ADX, only figures the engine states as a number go out — approximate and lower-bound ones
 * with a comment saying so — and a figure known only as an interval, or not at all, is listed in
 * `omitted`. Anything a figure to send needs and the mapping lacks is an error naming it, so
 * nothing is sent to the wrong cell or silently dropped.
 * @example renderDhis2(model, mapping) // ok({ json: { dataValues: [{ dataElement: 'fbfJHSPpUQD', period: '2023Q2', value: '325', … }] }, omitted })
 */
export function renderDhis2(
  model: ReportModel,
  mapping: AdxMapping,
  options: Dhis2Options = {},
): Result<
  { json: Dhis2DataValueSet; omitted: Dhis2Omission[] },
  { code: 'mapping'; gaps: Dhis2MappingGap[] } | { code: 'empty'; omitted: Dhis2Omission[] }
> {
  const d: Dhis2Mapping | undefined = mapping.dhis2;
  if (!d) return err({ code: 'mapping', gaps: [{ kind: 'no-dhis2' }] });
  const locale = options.locale ?? 'fr';
  const codes = options.periodCodes ?? [model.reportingPeriod];
  const parts = regionalParts(model, mapping, options);

  const omitted: Dhis2Omission[] = [];
  const gaps = new Map<string, Dhis2MappingGap>();
  const gap = (g: Dhis2MappingGap) => gaps.set(JSON.stringify(g), g);
  const dataValues: Dhis2DataValue[] = [];
  for (const period of model.periods.filter((p) => codes.includes(p.code))) {
    const placed = [
      ...parts.flatMap((r) => figuresOf(r.indicators, mapping, period.code, r.region, omitted)),
      ...targetsOf(model.indicators, mapping, period.code),
    ];
    // A period « à date » is not the whole period DHIS2 would file it under.
    const dhis2 = period.asOf ? null : dhis2Period(period.start, period.end);
    if (placed.length > 0 && !dhis2) gap({ kind: 'period', period: period.code });
    for (const p of placed) {
      const orgUnit = orgUnitOfRegion(d, p.region, d.orgUnit);
      if (!orgUnit && p.region !== null) gap({ kind: 'org-unit', region: p.region });
      const dataElement = d.dataElements[p.dataElement] ?? p.dataElement;
      if (d.idScheme === 'UID' && !UID.test(dataElement))
        gap({ kind: 'data-element', dataElement: p.dataElement });
      const cell = cellKeyToString(p.key);
      const combo =
        cell === ''
          ? (d.combos[p.dataElement]?.[''] ?? d.totalCombo)
          : d.combos[p.dataElement]?.[cell];
      if (!combo) gap({ kind: 'combo', dataElement: p.dataElement, cell });
      if (!orgUnit || !combo || !dhis2) continue;
      const comment = figureAnnotation(p.figure, locale);
      dataValues.push({
        dataElement,
        period: dhis2,
        orgUnit,
        categoryOptionCombo: combo,
        ...(d.attributeOptionCombo ? { attributeOptionCombo: d.attributeOptionCombo } : {}),
        value: num(p.figure.value),
        ...(comment ? { comment } : {}),
      });
    }
  }
  if (gaps.size > 0) return err({ code: 'mapping', gaps: [...gaps.values()] });
  if (dataValues.length === 0) return err({ code: 'empty', omitted });
  return ok({
    json: {
      ...(d.dataSet ? { dataSet: d.dataSet } : {}),
      completeDate: model.generatedAt.slice(0, 10),
      dataValues,
    },
    omitted,
  });
}
