import { err, ok, parseCellKey, type Result } from '@jalon/domain';
import { z } from 'zod';
import type { AdxMapping } from '../adx/adx-mapping';
import { OUTSIDE_REGIONS } from './dhis2-mapping';

/**
 * One data value of a DHIS2 `dataValueSet`, in the documented JSON shape (Web API, « Data values »):
 * every value carries its own period and org unit; DHIS2 reads `value` as a string.
 */
export const dhis2DataValueSchema = z
  .object({
    dataElement: z.string().min(1),
    period: z.string().regex(/^\d{4}(\d{2}(\d{2})?|Q[1-4]|S[12]|AprilS[12]|April|July|Oct|Nov)?$/),
    orgUnit: z.string().min(1),
    categoryOptionCombo: z.string().min(1),
    attributeOptionCombo: z.string().min(1).optional(),
    value: z.string().regex(/^-?\d+(\.\d+)?$/),
    comment: z.string().max(50_000).optional(),
  })
  .strict();

/** A DHIS2 `dataValueSet` as Jalon writes it (JSON). */
export const dhis2DataValueSetSchema = z
  .object({
    dataSet: z.string().min(1).optional(),
    completeDate: z.iso.date(),
    dataValues: z.array(dhis2DataValueSchema).min(1),
  })
  .strict();

/** {@link dhis2DataValueSchema} as a type. */
export type Dhis2DataValue = z.infer<typeof dhis2DataValueSchema>;

/** {@link dhis2DataValueSetSchema} as a type. */
export type Dhis2DataValueSet = z.infer<typeof dhis2DataValueSetSchema>;

/** A value read back in Jalon's terms: which indicator, region (null: the organisation), period and cell. */
export type Dhis2Figure = {
  indicator: string;
  region: string | null;
  /** The period as DHIS2 wrote it (`2023Q2`). */
  period: string;
  key: Record<string, string>;
  value: number;
  commented: boolean;
  /** Present on a target (the mapping's target data element of the indicator), not an actual. */
  target?: true;
};

/**
 * A `dataValueSet` read back through the mapping that wrote it: data element and category option
 * combination → indicator and breakdown cell, org unit → region. The JSON is checked against the
 * documented shape first; a value the mapping cannot place is an error (the file was not written
 * with this mapping).
 * @example figuresOfDhis2(JSON.parse(text), mapping) // ok([{ indicator: 'OP1.2', region: 'ml/mopti', key: { sex: 'female' }, value: 78, … }])
 */
export function figuresOfDhis2(
  json: unknown,
  mapping: AdxMapping,
): Result<Dhis2Figure[], { message: string }> {
  const d = mapping.dhis2;
  if (!d) return err({ message: 'the mapping has no DHIS2 part' });
  const parsed = dhis2DataValueSetSchema.safeParse(json);
  if (!parsed.success)
    return err({
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  const codeOf = new Map<string, string>();
  const places = new Map<string, { indicator: string; by: string[] }>();
  for (const [indicator, im] of Object.entries(mapping.indicators)) {
    if (im.total) places.set(im.total, { indicator, by: [] });
    for (const b of im.breakdowns) places.set(b.dataElement, { indicator, by: b.by });
  }
  const targetOf = new Map<string, string>();
  for (const [indicator, im] of Object.entries(mapping.indicators))
    if (im.target) targetOf.set(im.target, indicator);
  for (const code of [...places.keys(), ...targetOf.keys()])
    codeOf.set(d.dataElements[code] ?? code, code);
  const regionOf = new Map(Object.entries(d.regions).map(([r, u]) => [u, r]));
  // The outside org unit, unless it is the organisation's (whose figures read back as null).
  if (d.outside !== undefined && d.outside !== d.orgUnit) regionOf.set(d.outside, OUTSIDE_REGIONS);
  const out: Dhis2Figure[] = [];
  for (const v of parsed.data.dataValues) {
    const code = codeOf.get(v.dataElement);
    const targetIndicator = code ? targetOf.get(code) : undefined;
    if (targetIndicator) {
      // A target is the grant's: the organisation's org unit, no disaggregation.
      if (v.orgUnit !== d.orgUnit) return err({ message: `${code}: a target under ${v.orgUnit}` });
      if (v.categoryOptionCombo !== (d.combos[code ?? '']?.[''] ?? d.totalCombo))
        return err({ message: `${code}: a target under combination ${v.categoryOptionCombo}` });
      out.push({
        indicator: targetIndicator,
        region: null,
        period: v.period,
        key: {},
        value: Number(v.value),
        commented: v.comment !== undefined,
        target: true,
      });
      continue;
    }
    const place = code ? places.get(code) : undefined;
    if (!code || !place) return err({ message: `unknown data element ${v.dataElement}` });
    const region = v.orgUnit === d.orgUnit ? null : regionOf.get(v.orgUnit);
    if (region === undefined) return err({ message: `unknown org unit ${v.orgUnit}` });
    let key: Record<string, string> = {};
    if (place.by.length > 0) {
      const cell = Object.entries(d.combos[code] ?? {}).find(
        ([, c]) => c === v.categoryOptionCombo,
      )?.[0];
      if (!cell) return err({ message: `${code}: unknown combination ${v.categoryOptionCombo}` });
      const parsedKey = parseCellKey(cell);
      if (!parsedKey.ok)
        return err({ message: `${code}: a cell key that does not parse: ${cell}` });
      key = parsedKey.value;
      const dims = Object.keys(key).sort().join(',');
      if (dims !== [...place.by].sort().join(','))
        return err({ message: `${code}: a cell of ${dims}, not of ${place.by.join(',')}` });
    } else if (v.categoryOptionCombo !== (d.combos[code]?.[''] ?? d.totalCombo))
      return err({ message: `${code}: a total under combination ${v.categoryOptionCombo}` });
    out.push({
      indicator: place.indicator,
      region,
      period: v.period,
      key,
      value: Number(v.value),
      commented: v.comment !== undefined,
    });
  }
  return ok(out);
}
