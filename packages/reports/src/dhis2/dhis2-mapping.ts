import { z } from 'zod';
import type { MappingIssueKey } from '../adx/mapping-issues';

/** DHIS2's own default category option combination: a total with no disaggregation. */
export const DHIS2_DEFAULT_COMBO = 'HllvX50cXC0';

/** How the file names DHIS2's objects: their 11-character UIDs, or their codes (`idScheme=CODE` on import). */
export const DHIS2_ID_SCHEMES = ['UID', 'CODE'] as const;

/**
 * The `region` of figures computed outside every region (the mapping's `outside` org unit), in
 * placed figures, omissions and figures read back; no region path can be written so.
 */
export const OUTSIDE_REGIONS = '*';

/** A DHIS2 UID: a letter then ten letters or digits. */
const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** An identifier as a DHIS2 code may be written: no leading, trailing or doubled spaces. */
const id = z
  .string()
  .min(1)
  .max(230)
  .regex(/^\S+(?: \S+)*$/, 'mapping-code-spaces' satisfies MappingIssueKey);

/** A place path of a region, as Jalon stores it (`ml/mopti`). */
const regionPath = z
  .string()
  .regex(/^[a-z0-9-]+(?:\/[a-z0-9-]+)+$/i, 'mapping-region-path' satisfies MappingIssueKey);

/**
 * The DHIS2 part of an organisation's exchange mapping (beside ADX's, whose data elements it
 * reuses): what DHIS2's `dataValueSet` needs that ADX does not say — the category option
 * combination of every disaggregation cell, an org unit per region, the grant's attribute option
 * combination, and the DHIS2 ids of ADX's data-element codes when they differ.
 */
export const dhis2MappingSchema = z
  .object({
    idScheme: z.enum(DHIS2_ID_SCHEMES).default('UID'),
    /** The data set (optional in a dataValueSet); its id, not ADX's code. */
    dataSet: id.optional(),
    /** The org unit of figures that are not split by region (the whole organisation). */
    orgUnit: id,
    /** The grant as DHIS2's attribute option combination (its default when left out). */
    attributeOptionCombo: id.optional(),
    /** The combination of a total (no disaggregation): DHIS2's default unless said. */
    totalCombo: id.default(DHIS2_DEFAULT_COMBO),
    /** ADX data-element code → DHIS2 data element id, where they differ. */
    dataElements: z.record(z.string().min(1), id).default({}),
    /** ADX data-element code → cell key (`age=youth;sex=female`) → category option combination. */
    combos: z.record(z.string().min(1), z.record(z.string().min(1), id)).default({}),
    /**
     * Region (place path) → org unit. With none, every figure goes to `orgUnit`; with some,
     * figures that can be counted by place go to their region's org unit instead.
     */
    regions: z.record(regionPath, id).default({}),
    /**
     * The org unit of what lies outside every region (« national / hors régions »): with regions
     * mapped, the figures counted by place of activities and incidents in none of them (no place,
     * or places outside them all) go here, computed with the engine's « not within » filter. It
     * may be `orgUnit` itself, never a region's.
     */
    outside: id.optional(),
  })
  .superRefine((m, ctx) => {
    // Read back, an org unit or a combination must name one place and one cell only.
    const units = [
      m.orgUnit,
      ...Object.values(m.regions),
      ...(m.outside !== undefined && m.outside !== m.orgUnit ? [m.outside] : []),
    ];
    if (new Set(units).size < units.length)
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'mapping-org-unit-twice' satisfies MappingIssueKey,
      });
    for (const [de, cells] of Object.entries(m.combos)) {
      const combos = Object.values(cells);
      if (new Set(combos).size < combos.length)
        ctx.addIssue({
          code: 'custom',
          path: ['combos', de],
          message: 'mapping-combo-twice' satisfies MappingIssueKey,
        });
    }
    if (m.idScheme !== 'UID') return;
    const check = (value: string | undefined, path: (string | number)[]) => {
      if (value !== undefined && !UID.test(value))
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'mapping-not-uid' satisfies MappingIssueKey,
          params: { value },
        });
    };
    check(m.dataSet, ['dataSet']);
    check(m.orgUnit, ['orgUnit']);
    check(m.outside, ['outside']);
    check(m.attributeOptionCombo, ['attributeOptionCombo']);
    check(m.totalCombo, ['totalCombo']);
    for (const [k, v] of Object.entries(m.dataElements)) check(v, ['dataElements', k]);
    for (const [de, cells] of Object.entries(m.combos))
      for (const [k, v] of Object.entries(cells)) check(v, ['combos', de, k]);
    for (const [k, v] of Object.entries(m.regions)) check(v, ['regions', k]);
  });

/** {@link dhis2MappingSchema} as a type (defaults applied). */
export type Dhis2Mapping = z.infer<typeof dhis2MappingSchema>;
