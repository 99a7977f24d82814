import { z } from 'zod';
import type { ReportModel } from '../model/report-model';
import { dhis2MappingSchema } from '../dhis2/dhis2-mapping';
import type { MappingIssueKey } from './mapping-issues';

/** An XML name usable as an ADX attribute: DHIS2 writes category codes there (`SEX`, `AGE_GROUP`). */
const attributeName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'mapping-attribute-name' satisfies MappingIssueKey)
  .refine((n) => !RESERVED.has(n), { message: 'mapping-reserved-name' satisfies MappingIssueKey });

/** A code as ADX writes it (`xs:token`: no leading, trailing or doubled spaces). */
const code = z
  .string()
  .min(1)
  .max(200)
  .regex(/^\S+(?: \S+)*$/, 'mapping-code-spaces' satisfies MappingIssueKey);

/** Attributes ADX itself uses on `group` and `dataValue`: a category can never be named so. */
const RESERVED = new Set(['orgUnit', 'period', 'dataSet', 'dataElement', 'value', 'exported']);

/**
 * How a breakdown of an indicator goes out: one data element whose category combination is
 * `by` (each dimension mapped through `categories`); every cell crossing exactly those
 * dimensions is one data value.
 */
const breakdownMappingSchema = z.object({
  dataElement: code,
  by: z.array(z.string().min(1)).min(1).max(4),
});

/**
 * What ADX says about one indicator: the data element of its total (none: the total is not
 * sent), and the data elements of its breakdowns.
 */
const indicatorMappingSchema = z.object({
  total: code.optional(),
  /** The data element of the indicator's target for the period (DHIS2's dataValueSet only); none: not sent. */
  target: code.optional(),
  breakdowns: z.array(breakdownMappingSchema).default([]),
});

/**
 * The mapping of Jalon's figures onto a DHIS2 / ADX data set, stored as data per organisation:
 * indicator → data element(s), dimension → category and category → option codes, the
 * organisation → org unit, the grant → attribute option (group attributes such as
 * `FUNDING_MECHANISM="PROSMED"`).
 */
export const adxMappingSchema = z
  .object({
    dataSet: code,
    orgUnit: code,
    /** Attributes of every group: the grant's attribute option combination, by category code. */
    groupAttributes: z.record(attributeName, code).default({}),
    indicators: z.record(z.string().min(1), indicatorMappingSchema),
    categories: z.record(
      z.string().min(1),
      z.object({ category: attributeName, options: z.record(z.string().min(1), code) }),
    ),
    /** What a DHIS2 `dataValueSet` needs besides (combinations, org units per region); none: no DHIS2 export. */
    dhis2: dhis2MappingSchema.optional(),
  })
  .superRefine((m, ctx) => {
    for (const [ind, im] of Object.entries(m.indicators))
      im.breakdowns.forEach((b, i) =>
        b.by.forEach((d, j) => {
          if (!m.categories[d])
            ctx.addIssue({
              code: 'custom',
              path: ['indicators', ind, 'breakdowns', i, 'by', j],
              message: 'mapping-no-category' satisfies MappingIssueKey,
              params: { dimension: d },
            });
        }),
      );
    const names = Object.values(m.categories).map((c) => c.category);
    if (new Set(names).size < names.length)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: 'mapping-category-twice' satisfies MappingIssueKey,
      });
    for (const n of Object.keys(m.groupAttributes))
      if (names.includes(n))
        ctx.addIssue({
          code: 'custom',
          path: ['groupAttributes', n],
          message: 'mapping-attribute-is-category' satisfies MappingIssueKey,
          params: { name: n },
        });
  });

/** {@link adxMappingSchema} as a type (defaults applied). */
export type AdxMapping = z.infer<typeof adxMappingSchema>;

/** {@link adxMappingSchema} as accepted on input. */
export type AdxMappingInput = z.input<typeof adxMappingSchema>;

const upper = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_.-]/g, '_');

/**
 * The mapping an organisation gets before it writes its own: Jalon's codes as DHIS2 codes — the
 * grant's code as data set, the organisation's as org unit, each numeric indicator's code as the
 * data element of its total and `CODE.DIM` for each single breakdown (marginals are independent:
 * one data element each, never a claimed cross-tab).
 * @example defaultAdxMapping(model).indicators['OP1.2'] // { total: 'OP1.2', breakdowns: [{ dataElement: 'OP1.2.SEX', by: ['sex'] }, …] }
 */
export function defaultAdxMapping(model: ReportModel): AdxMapping {
  const used = new Set(model.indicators.flatMap((i) => i.dimensions));
  return {
    dataSet: upper(model.grant.code),
    orgUnit: model.organisation.code,
    groupAttributes: {},
    indicators: Object.fromEntries(
      model.indicators
        .filter((i) => i.unit !== 'qualitative')
        .map((i) => [
          i.code,
          {
            total: i.code,
            breakdowns: i.dimensions.map((d) => ({
              dataElement: `${i.code}.${upper(d)}`,
              by: [d],
            })),
          },
        ]),
    ),
    categories: Object.fromEntries(
      model.dimensions
        .filter((d) => used.has(d.code))
        .map((d) => [
          d.code,
          {
            category: upper(d.code),
            options: Object.fromEntries(d.categories.map((c) => [c.code, upper(c.code)])),
          },
        ]),
    ),
  };
}
