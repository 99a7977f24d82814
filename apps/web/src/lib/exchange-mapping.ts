import { DEFAULT_DIMENSIONS } from '@jalon/domain';
import type { ExchangeMappingDto } from './api-types';
import { cellLabel, dimensionsLabel } from './labels';
import type { ConflictRow } from './offline/conflict';
import { m } from './paraglide/messages';

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

/**
 * The words of a box of the exchange form, as the form labels it, with its fieldset's name before
 * (`Indicateur OP1.2 — Élément de données du total`): what a conflict's comparison lists.
 * @example exchangeFieldLabel('region:ml/mopti', shape) // 'Org units des régions — Mopti'
 */
export function exchangeFieldLabel(name: string, shape: ExchangeShape): string {
  const [kind = '', ...rest] = name.split(':');
  const within = (group: string, label: string) => `${group} — ${label}`;
  const dhis2 = m.exchange_dhis2_legend();
  switch (kind) {
    case 'dataSet':
      return within(m.exchange_adx_legend(), m.exchange_data_set());
    case 'orgUnit':
      return within(m.exchange_adx_legend(), m.exchange_org_unit());
    case 'dhis2': {
      const labels: Record<string, () => string> = {
        idScheme: m.exchange_id_scheme,
        orgUnit: m.exchange_dhis2_org_unit,
        dataSet: m.exchange_dhis2_data_set,
        attributeOptionCombo: m.exchange_aoc,
        totalCombo: m.exchange_total_combo,
        outside: () => within(m.exchange_regions_legend(), m.exchange_outside()),
      };
      const label = labels[rest[0] ?? ''];
      if (rest[0] === 'outside' && label) return label();
      return within(dhis2, label ? label() : name);
    }
    case 'total':
    case 'target':
    case 'by':
    case 'combo': {
      const [code = '', d = '', c = ''] = rest;
      const label =
        kind === 'total'
          ? m.exchange_total_element()
          : kind === 'target'
            ? m.exchange_target_element()
            : kind === 'by'
              ? m.exchange_breakdown_element({ dimension: dimensionsLabel([d]) })
              : m.exchange_combo({ category: cellLabel({ [d]: c }) });
      return within(m.exchange_indicator({ code }), label);
    }
    case 'category':
    case 'option': {
      const [d = '', c = ''] = rest;
      const group = m.exchange_category({ dimension: dimensionsLabel([d]) });
      return within(
        group,
        kind === 'category'
          ? m.exchange_category_code()
          : m.exchange_option({ category: cellLabel({ [d]: c }) }),
      );
    }
    case 'region': {
      const path = rest.join(':');
      const region = shape.regions.find((r) => r.path === path);
      return within(m.exchange_regions_legend(), region?.name ?? path);
    }
    default:
      return name;
  }
}

/**
 * A save refused because someone saved the mapping first: each box whose value differs between
 * what was typed (mine) and what is stored now (theirs), in the form's order, with its words; an
 * empty box reads « (vide) ».
 * @example compareExchange({ orgUnit: 'OU_A' }, { orgUnit: 'OU_B' }, shape) // [{ field: 'orgUnit', label: 'Jeu de données (ADX) — Org unit…', mine: 'OU_A', theirs: 'OU_B' }]
 */
export function compareExchange(
  mine: Record<string, string>,
  theirs: Record<string, string>,
  shape: ExchangeShape,
): ConflictRow[] {
  const empty = m.exchange_conflict_empty();
  const shown = (v: string | undefined) => (v ?? '').trim() || empty;
  // The form's boxes in its order (formValuesOf names them all), then any other typed one.
  const names = [
    ...new Set([
      ...Object.keys(formValuesOf(null, shape)),
      ...Object.keys(theirs),
      ...Object.keys(mine),
    ]),
  ].filter((n) => n !== 'version');
  const rows: ConflictRow[] = [];
  for (const field of names) {
    const a = shown(mine[field]);
    const b = shown(theirs[field]);
    if (a !== b) rows.push({ field, label: exchangeFieldLabel(field, shape), mine: a, theirs: b });
  }
  return rows;
}
