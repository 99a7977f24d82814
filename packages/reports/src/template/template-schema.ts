import { z } from 'zod';
import { DONOR_SHAPES, PERIOD_KINDS } from '@jalon/domain';
import { cellKeySchema, localizedTextSchema, PERIOD_ROLES } from '../model/common';
import { statusScaleSchema, TEMPLATE_ACHIEVEMENT_RULES } from '../model/results';

/** Kinds of sheet a template can ask for. */
export const SHEET_KINDS = [
  'cover',
  'indicators',
  'breakdowns',
  'activities',
  'incidents',
  'data-quality',
  'narrative',
] as const;

/** Descriptive columns of an indicator row. */
export const INDICATOR_FIELDS = [
  'number',
  'code',
  'indicator',
  'definition',
  'level',
  'result',
  'unit',
  'direction',
  'cumulative',
  'measure-type',
  'disaggregation',
  'baseline',
  'baseline-year',
  'baseline-date',
  'sources-of-verification',
  'assumptions',
  'comments',
  'deviation',
] as const;

/** One of {@link INDICATOR_FIELDS}. */
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

/** Figures of an indicator for a period; `date` and `year` are the period's end (EU "current value with its date"). */
export const MEASURES = ['target', 'actual', 'achievement', 'status', 'date', 'year'] as const;

/** One of {@link MEASURES}. */
export type Measure = (typeof MEASURES)[number];

/** Roles a single value column may point at (`sub-period` repeats, see `per-sub-period`). */
export const SINGLE_PERIOD_ROLES = PERIOD_ROLES.filter((r) => r !== 'sub-period') as Exclude<
  (typeof PERIOD_ROLES)[number],
  'sub-period'
>[];

/** The stretch of a period a target column shows: up to the reporting period's end, or the whole period. */
export const VALUE_WINDOWS = ['to-date', 'whole'] as const;

const width = z.number().min(3).max(120).optional();

const fieldColumnSchema = z.object({
  type: z.literal('field'),
  field: z.enum(INDICATOR_FIELDS),
  label: localizedTextSchema.optional(),
  width,
});

const valueColumnSchema = z.object({
  type: z.literal('value'),
  measure: z.enum(MEASURES),
  period: z.enum(SINGLE_PERIOD_ROLES as [string, ...string[]]),
  label: localizedTextSchema.optional(),
  /**
   * The label by the kind of the period the column shows, where the wording names it (« Réalisation
   * du trimestre » for a quarter, « du mois » for a month); `label` for any other kind.
   */
  labelByKind: z.partialRecord(z.enum(PERIOD_KINDS), localizedTextSchema).optional(),
  /**
   * Which stretch of a period reported « à date » (one that runs past the reporting period, a
   * Q2 report's fiscal year) a target column shows: `to-date` (the default) the target up to
   * the reporting period's end, the milestone its achievement and status are judged against;
   * `whole` the whole period's target (the annual target), never cut. Targets only.
   */
  window: z.enum(VALUE_WINDOWS).optional(),
  /**
   * The label when the period is reported « à date », `{toDate}` standing for « à date (30 juin) »
   * (« Jalon {toDate} » → « Jalon à date (30 juin) »); `label` otherwise. Not for `whole` columns.
   */
  labelToDate: localizedTextSchema
    .refine((l) => l.fr.includes('{toDate}') && l.en.includes('{toDate}'), {
      message: 'labelToDate says where the date goes with {toDate}, in both languages',
    })
    .optional(),
  width,
});

const perSubPeriodSchema = z.object({
  type: z.literal('per-sub-period'),
  measures: z.array(z.enum(MEASURES)).min(1),
  width,
});

/** A column of an indicator sheet: a descriptive field, one figure for one period, or a block repeated per sub-period. */
export const indicatorColumnSchema = z.discriminatedUnion('type', [
  fieldColumnSchema,
  valueColumnSchema,
  perSubPeriodSchema,
]);

/** {@link indicatorColumnSchema} as a type. */
export type IndicatorColumn = z.infer<typeof indicatorColumnSchema>;

/** Fields of a cover sheet, in the order given. */
export const COVER_FIELDS = [
  'organisation',
  'grant-code',
  'grant-title',
  'donor',
  'business-unit',
  'award-id',
  'project-id',
  'implementing-partner',
  'grant-start',
  'grant-end',
  'total-amount',
  'currency',
  'reporting-period',
  'fiscal-year-start',
  'generated-at',
  'template',
] as const;

/** Columns of the activity evidence sheet. */
export const EVIDENCE_FIELDS = [
  'date',
  'title',
  'type',
  'programme',
  'places',
  'participants',
  'grants',
  'indicators',
] as const;

/** Parts of the narrative sheet. */
export const NARRATIVE_PARTS = [
  'summary',
  'challenges',
  'next-steps',
  'indicator-comments',
  'deviations',
] as const;

const sheetName = localizedTextSchema.refine(
  (n) => [n.fr, n.en].every((s) => s.length >= 1 && s.length <= 31 && !/[\\/?*[\]:]/.test(s)),
  { message: 'sheet names are 1–31 characters, none of them among \\/?*[]:' },
);

const coverSheetSchema = z.object({
  kind: z.literal('cover'),
  name: sheetName,
  fields: z.array(z.enum(COVER_FIELDS)).min(1),
});

const indicatorSheetSchema = z.object({
  kind: z.literal('indicators'),
  name: sheetName,
  /** `result`: a bold row for each result of the framework, its indicators beneath. */
  grouping: z.enum(['none', 'result']).default('none'),
  columns: z.array(indicatorColumnSchema).min(1),
  /** Breakdown rows beneath each indicator (actuals only), in the template's breakdown shape. */
  breakdownRows: z.boolean().default(false),
  /** What an empty figure shows ('' or '–'). */
  emptyCell: z.string().max(3).default(''),
});

const breakdownSheetSchema = z.object({
  kind: z.literal('breakdowns'),
  name: sheetName,
  period: z.enum(SINGLE_PERIOD_ROLES as [string, ...string[]]).default('reporting-period'),
});

const activitiesSheetSchema = z.object({
  kind: z.literal('activities'),
  name: sheetName,
  columns: z.array(z.enum(EVIDENCE_FIELDS)).min(1),
  /** Known parts of the participants shown as columns (blank where not recorded). */
  breakdownColumns: z
    .array(z.object({ key: cellKeySchema, label: localizedTextSchema.optional() }))
    .default([]),
});

const simpleSheet = <K extends string>(kind: K) =>
  z.object({ kind: z.literal(kind), name: sheetName });

const narrativeSheetSchema = z.object({
  kind: z.literal('narrative'),
  name: sheetName,
  parts: z.array(z.enum(NARRATIVE_PARTS)).min(1),
});

/** A sheet of a workbook template. */
export const sheetSchema = z.discriminatedUnion('kind', [
  coverSheetSchema,
  indicatorSheetSchema,
  breakdownSheetSchema,
  activitiesSheetSchema,
  simpleSheet('incidents'),
  simpleSheet('data-quality'),
  narrativeSheetSchema,
  /** Each numeric indicator's actual and target per sub-period: its figures in cells, its chart as a picture beside them. */
  simpleSheet('charts'),
]);

/** {@link sheetSchema} as a type. */
export type SheetTemplate = z.infer<typeof sheetSchema>;

const argb = z.string().regex(/^[0-9A-Fa-f]{8}$/, 'expected an ARGB colour such as FF00B050');

/**
 * A donor's report format as data: sheets and columns, calendar and periods, labels, achievement rule
 * and status thresholds, breakdown shape and number formats. Stored as JSON and versioned.
 */
export const reportTemplateSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as undp-quarterly'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 1.0.0'),
    name: localizedTextSchema,
    donor: z.string().min(1),
    description: localizedTextSchema.optional(),
    defaultLocale: z.enum(['fr', 'en']).default('fr'),
    calendar: z.object({ fiscalYearStartMonth: z.number().int().min(1).max(12) }),
    periods: z.object({
      /** The sub-periods shown: parts of the reporting period or of its fiscal year; null for none. */
      subPeriods: z
        .object({
          kind: z.enum(['month', 'quarter', 'semester']),
          of: z.enum(['reporting-period', 'fiscal-year']),
        })
        .nullable(),
      include: z.array(z.enum(PERIOD_ROLES)).min(1),
    }),
    achievement: z.object({
      rule: z.enum(TEMPLATE_ACHIEVEMENT_RULES),
      /** Bands tried in order (the domain's `StatusScale`); a ratio no band takes is "no data". */
      scale: statusScaleSchema,
      colours: z.object({ 'on-track': argb, watch: argb, 'off-track': argb, 'no-data': argb }),
    }),
    breakdowns: z.object({ shape: z.enum(DONOR_SHAPES) }),
    numberFormats: z.object({
      integer: z.string().min(1),
      decimal: z.string().min(1),
      percentPoints: z.string().min(1),
      ratio: z.string().min(1),
      date: z.string().min(1),
    }),
    /** Overrides of the built-in labels, by key (`status.on-track`, `measure.target`…). */
    labels: z.record(z.string(), localizedTextSchema).default({}),
    /** Stamp the version date on every sheet (USAID FFP IPTT). */
    versionDateOnEverySheet: z.boolean().default(false),
    sheets: z.array(sheetSchema).min(1),
  })
  .superRefine((t, ctx) => {
    // Cross-field rules, reported at the field that breaks them.
    t.achievement.scale.bands.forEach((b, i) => {
      if (b.min !== undefined && b.max !== undefined && b.min > b.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['achievement', 'scale', 'bands', i, 'max'],
          message: 'a band cannot end below its start',
        });
      }
    });
    const included = new Set<string>(t.periods.include);
    if (!included.has('reporting-period')) {
      ctx.addIssue({
        code: 'custom',
        path: ['periods', 'include'],
        message: 'the reporting period must be included',
      });
    }
    if (included.has('sub-period') && t.periods.subPeriods === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['periods', 'subPeriods'],
        message: 'sub-periods are included but their kind is not given',
      });
    }
    const names = new Set<string>();
    t.sheets.forEach((sheet, i) => {
      for (const lang of ['fr', 'en'] as const) {
        const n = sheet.name[lang].toLowerCase();
        if (names.has(`${lang}:${n}`))
          ctx.addIssue({
            code: 'custom',
            path: ['sheets', i, 'name', lang],
            message: `duplicate sheet name "${sheet.name[lang]}"`,
          });
        names.add(`${lang}:${n}`);
      }
      if (sheet.kind === 'indicators') {
        sheet.columns.forEach((c, j) => {
          if (c.type === 'value' && !included.has(c.period)) {
            ctx.addIssue({
              code: 'custom',
              path: ['sheets', i, 'columns', j, 'period'],
              message: `period "${c.period}" is not in periods.include`,
            });
          }
          if (c.type === 'value' && c.window === 'whole' && c.measure !== 'target') {
            ctx.addIssue({
              code: 'custom',
              path: ['sheets', i, 'columns', j, 'window'],
              message: `only a target can show the whole period (not "${c.measure}")`,
            });
          }
          if (c.type === 'value' && c.window === 'whole' && c.labelToDate) {
            ctx.addIssue({
              code: 'custom',
              path: ['sheets', i, 'columns', j, 'labelToDate'],
              message: 'a column showing the whole period is never cut at a date',
            });
          }
          if (c.type === 'per-sub-period' && !included.has('sub-period')) {
            ctx.addIssue({
              code: 'custom',
              path: ['sheets', i, 'columns', j],
              message: 'per-sub-period columns need "sub-period" in periods.include',
            });
          }
        });
      }
      if (sheet.kind === 'breakdowns' && !included.has(sheet.period)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sheets', i, 'period'],
          message: `period "${sheet.period}" is not in periods.include`,
        });
      }
    });
  });

/** A validated template. */
export type ReportTemplate = z.infer<typeof reportTemplateSchema>;

/** A template as written in JSON (defaults may be left out). */
export type ReportTemplateInput = z.input<typeof reportTemplateSchema>;
