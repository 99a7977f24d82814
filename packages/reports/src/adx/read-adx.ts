import { err, ok, type Result } from '@jalon/domain';
import { ADX_NAMESPACE } from './render-adx';
import type { AdxMapping } from './adx-mapping';
import { OUTSIDE_REGIONS } from '../dhis2/dhis2-mapping';

/** One data value read from an ADX message, with its group's attributes. */
export type AdxReadValue = {
  orgUnit: string;
  period: string;
  /** The group's other attributes: data set and attribute options. */
  group: Record<string, string>;
  dataElement: string;
  /** Disaggregation attributes, category code → option code. */
  categories: Record<string, string>;
  value: number;
  annotation: string | null;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out[m[1] as string] = unescape(m[3] ?? m[4] ?? '');
  return out;
}

/**
 * Reads an ADX 1.0 data message back (the structure only: validate it against the schema first):
 * every data value with its group's org unit, period and attributes. A reader of its own, not a
 * general XML parser: ADX is elements with attributes and one text-only `annotation`.
 * @example readAdx(xml) // ok({ exported: '2023-07-01T…', values: [{ dataElement: 'OP1.2', value: 325, … }] })
 */
export function readAdx(
  xml: string,
): Result<{ exported: string; values: AdxReadValue[] }, { message: string }> {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const root = /<adx\b([^>]*)>/.exec(body);
  if (!root) return err({ message: 'no adx element' });
  const rootAttrs = attributes(root[1] ?? '');
  if (rootAttrs.xmlns !== ADX_NAMESPACE)
    return err({ message: `not the ADX namespace: ${rootAttrs.xmlns ?? '(none)'}` });
  const values: AdxReadValue[] = [];
  for (const g of body.matchAll(/<group\b([^>]*?)(\/>|>([\s\S]*?)<\/group>)/g)) {
    const { orgUnit, period, ...group } = attributes(g[1] ?? '');
    if (!orgUnit || !period) return err({ message: 'a group without orgUnit or period' });
    for (const d of (g[3] ?? '').matchAll(/<dataValue\b([^>]*?)(\/>|>([\s\S]*?)<\/dataValue>)/g)) {
      const { dataElement, value, ...categories } = attributes(d[1] ?? '');
      if (!dataElement || value === undefined)
        return err({ message: 'a dataValue without dataElement or value' });
      const note = /<annotation>([\s\S]*?)<\/annotation>/.exec(d[3] ?? '');
      values.push({
        orgUnit,
        period,
        group,
        dataElement,
        categories,
        value: Number(value),
        annotation: note ? unescape(note[1] ?? '') : null,
      });
    }
  }
  return ok({ exported: rootAttrs.exported ?? '', values });
}

/** A value read back in Jalon's terms: which indicator, which breakdown cell. */
export type AdxFigure = {
  indicator: string;
  /** The place its group's org unit stands for: null the organisation's, a region, `*` outside them all. */
  region: string | null;
  key: Record<string, string>;
  value: number;
  annotated: boolean;
};

/**
 * Data values read back through the mapping that wrote them: data element → indicator (its total
 * or a breakdown), category options → Jalon's categories, org unit → region (the DHIS2 part's). A value the mapping cannot place is an
 * error: the file was not written with this mapping.
 * @example figuresOfAdx(read.values, mapping) // ok([{ indicator: 'OP1.2', key: { sex: 'female' }, value: 78, annotated: false }])
 */
export function figuresOfAdx(
  values: AdxReadValue[],
  mapping: AdxMapping,
): Result<AdxFigure[], { message: string }> {
  const byElement = new Map<string, { indicator: string; by: string[] }>();
  for (const [indicator, im] of Object.entries(mapping.indicators)) {
    if (im.total) byElement.set(im.total, { indicator, by: [] });
    for (const b of im.breakdowns) byElement.set(b.dataElement, { indicator, by: b.by });
  }
  const d = mapping.dhis2;
  const regionOf = new Map<string, string | null>(
    Object.entries(d?.regions ?? {}).map(([r, u]) => [u, r]),
  );
  // The outside org unit, unless it is the organisation's (whose figures read back as null).
  if (d?.outside !== undefined && d.outside !== d.orgUnit) regionOf.set(d.outside, OUTSIDE_REGIONS);
  regionOf.set(mapping.orgUnit, null);
  const out: AdxFigure[] = [];
  for (const v of values) {
    const region = regionOf.get(v.orgUnit);
    if (region === undefined) return err({ message: `unknown org unit ${v.orgUnit}` });
    const place = byElement.get(v.dataElement);
    if (!place) return err({ message: `unknown data element ${v.dataElement}` });
    const key: Record<string, string> = {};
    for (const d of place.by) {
      const c = mapping.categories[d];
      const option = c ? v.categories[c.category] : undefined;
      const category = Object.entries(c?.options ?? {}).find(([, o]) => o === option)?.[0];
      if (!category)
        return err({ message: `${v.dataElement}: no option of ${d} for ${option ?? '(none)'}` });
      key[d] = category;
    }
    if (Object.keys(v.categories).length !== place.by.length)
      return err({ message: `${v.dataElement}: unexpected disaggregation` });
    out.push({
      indicator: place.indicator,
      region,
      key,
      value: v.value,
      annotated: v.annotation !== null,
    });
  }
  return ok(out);
}
