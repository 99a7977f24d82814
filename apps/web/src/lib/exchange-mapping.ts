import { DEFAULT_DIMENSIONS } from '@jalon/domain';
import type { ExchangeMappingDto } from './api-types';

/** The grant's stored ADX / DHIS2 mapping, as the API returns it. */
export type StoredMapping = ExchangeMappingDto;

/** What the form asks about: the grant's indicators and their breakdowns, the organisation's regions. */
export interface ExchangeShape {
  grant: string;
  indicators: { code: string; dimensions: string[] }[];
  regions: { path: string; name: string }[];
}

/** The categories of a dimension (`sex` → female, male). */
export function categoriesOf(dimension: string): string[] {
  return DEFAULT_DIMENSIONS.find((d) => d.code === dimension)?.categories.map((c) => c.code) ?? [];
}

/** The dimensions the grant's indicators are broken down by, in the order the engine knows them. */
export function dimensionsOf(shape: ExchangeShape): string[] {
  const used = new Set(shape.indicators.flatMap((i) => i.dimensions));
  return DEFAULT_DIMENSIONS.map((d) => d.code).filter((d) => used.has(d));
}

const upper = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_.-]/g, '_');

/** Jalon's own data element of a breakdown, as ADX's default mapping names it (`OP1.2.SEX`). */
export const breakdownElement = (code: string, dim: string) => `${code}.${upper(dim)}`;

/**
 * The boxes of the form, filled from the stored mapping, else with Jalon's codes (ADX's default
 * mapping): `total:<indicator>`, `by:<indicator>:<dimension>`, `category:<dimension>`,
 * `option:<dimension>:<category>`, `target:<indicator>` (DHIS2 only), `combo:<indicator>:<dimension>:<category>`, `region:<path>`
 * and the DHIS2 header (`dhis2:*`, `dhis2:outside` the org unit of what lies outside every region).
 * @example formValuesOf(null, shape)['total:OP1.2'] // 'OP1.2'
 */
export function formValuesOf(mapping: StoredMapping, shape: ExchangeShape): Record<string, string> {
  const v: Record<string, string> = {
    dataSet: mapping?.dataSet ?? upper(shape.grant),
    orgUnit: mapping?.orgUnit ?? '',
    'dhis2:idScheme': mapping?.dhis2?.idScheme ?? 'UID',
    'dhis2:orgUnit': mapping?.dhis2?.orgUnit ?? '',
    'dhis2:dataSet': mapping?.dhis2?.dataSet ?? '',
    'dhis2:attributeOptionCombo': mapping?.dhis2?.attributeOptionCombo ?? '',
    'dhis2:totalCombo': mapping?.dhis2?.totalCombo ?? 'HllvX50cXC0',
    'dhis2:outside': mapping?.dhis2?.outside ?? '',
  };
  for (const ind of shape.indicators) {
    const im = mapping ? mapping.indicators[ind.code] : undefined;
    v[`total:${ind.code}`] = mapping ? (im?.total ?? '') : ind.code;
    v[`target:${ind.code}`] = im?.target ?? '';
    for (const d of ind.dimensions) {
      const element = mapping
        ? (im?.breakdowns.find((b) => b.by.length === 1 && b.by[0] === d)?.dataElement ?? '')
        : breakdownElement(ind.code, d);
      v[`by:${ind.code}:${d}`] = element;
      for (const c of categoriesOf(d))
        v[`combo:${ind.code}:${d}:${c}`] = mapping?.dhis2?.combos[element]?.[`${d}=${c}`] ?? '';
    }
  }
  for (const d of dimensionsOf(shape)) {
    const cat = mapping?.categories[d];
    v[`category:${d}`] = cat?.category ?? upper(d);
    for (const c of categoriesOf(d))
      v[`option:${d}:${c}`] = cat ? (cat.options[c] ?? '') : upper(c);
  }
  for (const r of shape.regions) v[`region:${r.path}`] = mapping?.dhis2?.regions[r.path] ?? '';
  return v;
}

/**
 * The mapping the boxes say, for `adx.setMapping` (which checks it): blank boxes say nothing (an
 * indicator without a total's data element sends no total; a blank DHIS2 org unit, no DHIS2 part).
 * @example mappingOf({ dataSet: 'DS', orgUnit: 'OU', 'total:OP1.2': 'OP1.2' }, shape).indicators['OP1.2'] // { total: 'OP1.2', breakdowns: [] }
 */
export function mappingOf(values: Record<string, string>, shape: ExchangeShape) {
  const get = (name: string) => (values[name] ?? '').trim();
  const combos: Record<string, Record<string, string>> = {};
  const indicators: Record<
    string,
    { total?: string; target?: string; breakdowns: { dataElement: string; by: string[] }[] }
  > = {};
  for (const ind of shape.indicators) {
    const breakdowns: { dataElement: string; by: string[] }[] = [];
    for (const d of ind.dimensions) {
      const element = get(`by:${ind.code}:${d}`);
      if (!element) continue;
      breakdowns.push({ dataElement: element, by: [d] });
      for (const c of categoriesOf(d)) {
        const combo = get(`combo:${ind.code}:${d}:${c}`);
        if (combo) combos[element] = { ...combos[element], [`${d}=${c}`]: combo };
      }
    }
    const total = get(`total:${ind.code}`);
    const target = get(`target:${ind.code}`);
    if (total || target || breakdowns.length > 0)
      indicators[ind.code] = {
        ...(total ? { total } : {}),
        ...(target ? { target } : {}),
        breakdowns,
      };
  }
  const categories: Record<string, { category: string; options: Record<string, string> }> = {};
  for (const d of dimensionsOf(shape)) {
    const options: Record<string, string> = {};
    for (const c of categoriesOf(d))
      if (get(`option:${d}:${c}`)) options[c] = get(`option:${d}:${c}`);
    categories[d] = { category: get(`category:${d}`), options };
  }
  const regions = Object.fromEntries(
    shape.regions.map((r) => [r.path, get(`region:${r.path}`)]).filter(([, u]) => u),
  );
  const dhis2OrgUnit = get('dhis2:orgUnit');
  const optional = (name: string, key: string) => (get(name) ? { [key]: get(name) } : {});
  return {
    dataSet: get('dataSet'),
    orgUnit: get('orgUnit'),
    indicators,
    categories,
    ...(dhis2OrgUnit
      ? {
          dhis2: {
            idScheme: get('dhis2:idScheme') === 'CODE' ? ('CODE' as const) : ('UID' as const),
            orgUnit: dhis2OrgUnit,
            ...optional('dhis2:dataSet', 'dataSet'),
            ...optional('dhis2:attributeOptionCombo', 'attributeOptionCombo'),
            ...optional('dhis2:totalCombo', 'totalCombo'),
            ...optional('dhis2:outside', 'outside'),
            combos,
            regions,
          },
        }
      : {}),
  };
}
