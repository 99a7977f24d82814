import type { AdxMapping } from '../adx/adx-mapping';
import type { ReportModel } from '../model/report-model';
import type { Indicator } from '../model/results';
import { OUTSIDE_REGIONS, type Dhis2Mapping } from './dhis2-mapping';

/** The figures of one region: the indicators that can be counted by place, computed within it. */
export type Dhis2RegionFigures = { region: string; indicators: Indicator[] };

/** A set of indicators computed for one place: the organisation (null), a region, or outside them all. */
export type RegionalPart = { region: string | null; indicators: Indicator[] };

/**
 * Which figures go out under which org unit, for DHIS2 and ADX alike: with regions mapped, the
 * indicators the API computed per region go out per region (and, when the mapping has an `outside`
 * org unit, outside every region), the model's others for the organisation; without, all of them
 * for the organisation.
 * @example regionalParts(model, mapping, { regions }) // [{ region: null, indicators: […] }, { region: 'ml/mopti', … }]
 */
export function regionalParts(
  model: ReportModel,
  mapping: AdxMapping,
  options: { regions?: Dhis2RegionFigures[]; outside?: Indicator[] },
): RegionalPart[] {
  const d = mapping.dhis2;
  const regions = d && Object.keys(d.regions).length > 0 ? (options.regions ?? []) : [];
  const regional = new Set(regions.flatMap((r) => r.indicators.map((i) => i.code)));
  const national = model.indicators.filter((i) => !regional.has(i.code));
  const outside = d?.outside ? (options.outside ?? []).filter((i) => regional.has(i.code)) : [];
  return [
    { region: null, indicators: national },
    ...regions,
    ...(outside.length > 0 ? [{ region: OUTSIDE_REGIONS, indicators: outside }] : []),
  ];
}

/**
 * The DHIS2 org unit of a part's figures: the organisation's (`organisation`, DHIS2's or ADX's
 * own), its region's, or the `outside` one; undefined when the mapping has none for it.
 */
export function orgUnitOfRegion(
  d: Dhis2Mapping,
  region: string | null,
  organisation: string,
): string | undefined {
  if (region === null) return organisation;
  if (region === OUTSIDE_REGIONS) return d.outside === d.orgUnit ? organisation : d.outside;
  return d.regions[region];
}
