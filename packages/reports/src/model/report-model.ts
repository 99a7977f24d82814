import { z } from 'zod';
import { LOCALES, err, ok, type Result } from '@jalon/domain';
import { dimensionSchema, localizedTextSchema, periodRefSchema } from './common';
import {
  activitySchema,
  dataQualityFindingSchema,
  deliverableCountSchema,
  incidentSummarySchema,
  programmeSchema,
  restatementSchema,
} from './evidence';
import { grantSchema, organisationSchema } from './grant';
import { achievementSettingsSchema, indicatorSchema, resultNodeSchema } from './results';
import { formatIssues, type FieldIssue } from './issues';

/**
 * Everything a donor report shows, already computed by the engine for one grant and one reporting
 * period. Renderers are pure functions of this model and a template: they format and lay out, they
 * never recompute a figure, so the same number is the same in every format.
 */
export const reportModelSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** When the figures were computed (ISO date-time); renderers print it, never read the clock. */
    generatedAt: z.iso.datetime({ offset: true }),
    organisation: organisationSchema,
    grant: grantSchema,
    /** Code of the period reported on; it must be one of `periods`. */
    reportingPeriod: z.string().min(1),
    periods: z.array(periodRefSchema).min(1),
    achievement: achievementSettingsSchema,
    dimensions: z.array(dimensionSchema),
    programmes: z.array(programmeSchema).default([]),
    framework: z.array(resultNodeSchema),
    indicators: z.array(indicatorSchema),
    activities: z.array(activitySchema).default([]),
    dataQuality: z.array(dataQualityFindingSchema).default([]),
    incidents: z.array(incidentSummarySchema).default([]),
    deliverables: z.array(deliverableCountSchema).default([]),
    /** Corrections of earlier submitted periods since the grant's previous report (none: left out). */
    restatements: z.array(restatementSchema).optional(),
    narrative: z
      .object({
        summary: localizedTextSchema.optional(),
        /**
         * The language each side of `summary` is written in: the analysis typed in one language
         * stands in for the other (`{ fr: 'fr', en: 'fr' }`), and no output labels it as the other.
         */
        summaryLanguage: z.object({ fr: z.enum(LOCALES), en: z.enum(LOCALES) }).optional(),
        challenges: localizedTextSchema.optional(),
        nextSteps: localizedTextSchema.optional(),
      })
      .default({}),
  })
  .superRefine((m, ctx) => {
    // Cross-references are checked here once, so renderers can look things up without guarding.
    const periodCodes = new Set(m.periods.map((p) => p.code));
    if (periodCodes.size !== m.periods.length)
      ctx.addIssue({ code: 'custom', path: ['periods'], message: 'duplicate period code' });
    if (!periodCodes.has(m.reportingPeriod)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportingPeriod'],
        message: `not one of the periods: ${m.reportingPeriod}`,
      });
    }
    const nodes = new Set(m.framework.map((n) => n.code));
    m.framework.forEach((n, i) => {
      if (n.parentCode !== null && !nodes.has(n.parentCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['framework', i, 'parentCode'],
          message: `unknown result ${n.parentCode}`,
        });
      }
    });
    const dims = new Set(m.dimensions.map((d) => d.code));
    const codes = new Set<string>();
    m.indicators.forEach((ind, i) => {
      if (codes.has(ind.code))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'code'],
          message: `duplicate indicator ${ind.code}`,
        });
      codes.add(ind.code);
      if (!nodes.has(ind.nodeCode))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'nodeCode'],
          message: `unknown result ${ind.nodeCode}`,
        });
      ind.dimensions.forEach((d, j) => {
        if (!dims.has(d))
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'dimensions', j],
            message: `unknown dimension ${d}`,
          });
      });
      ind.values.forEach((v, j) => {
        if (!periodCodes.has(v.period))
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'values', j, 'period'],
            message: `unknown period ${v.period}`,
          });
        if (ind.unit === 'qualitative' && (v.actual !== null || v.target !== null)) {
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', i, 'values', j],
            message: 'a qualitative indicator carries text, not numbers',
          });
        }
      });
    });
  });

/** {@link reportModelSchema} as a type (after defaults are applied). */
export type ReportModel = z.infer<typeof reportModelSchema>;

/** {@link reportModelSchema} as accepted on input (defaults may be left out). */
export type ReportModelInput = z.input<typeof reportModelSchema>;

/**
 * Validates a report model (from the API, a snapshot file or the engine), returning field-path messages.
 * @example parseReportModel(JSON.parse(text)) // { ok: true, value: model } or { ok: false, error: [{ path: 'indicators[0].code', message: … }] }
 */
export function parseReportModel(input: unknown): Result<ReportModel, FieldIssue[]> {
  const parsed = reportModelSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(formatIssues(parsed.error.issues));
}
