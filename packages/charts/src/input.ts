import { z } from 'zod';
import { QUALIFIERS, domainError, type DomainError } from '@jalon/domain';

const amount = z.number().finite();
const label = z.string().trim().min(1).max(200);

/** The domain's `Figure`, with bounds in order. */
export const figureSchema = z
  .object({
    value: amount,
    qualifier: z.enum(QUALIFIERS),
    atLeast: z.boolean(),
    bounds: z.object({ lower: amount, upper: amount.nullable() }).nullable(),
    uncounted: z.number().int().min(0),
  })
  .refine((f) => !f.bounds || f.bounds.upper === null || f.bounds.lower <= f.bounds.upper, {
    message: 'bounds: lower above upper',
    path: ['bounds'],
  });

export const chartSizeSchema = z.object({
  width: z.number().int().min(120).max(4000),
  height: z.number().int().min(80).max(4000),
});

export const indicatorChartSeriesSchema = z.object({
  title: label,
  points: z
    .array(
      z.object({
        periodCode: z.string().min(1).max(40),
        label,
        figure: figureSchema.nullable(),
        target: amount.nullable(),
        baseline: amount.nullable(),
      }),
    )
    .max(120),
});

const count = z.number().int().min(0);

const categories = z
  .array(z.object({ code: z.string().min(1).max(200), label }))
  .max(200)
  .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, {
    message: 'categories: a code twice',
  });
const unit = z.enum(['count', 'percent']).optional();

/** Each series has one value per category. */
const oneValuePerCategory = (d: { categories: unknown[]; series: { values: unknown[] }[] }) =>
  d.series.every((s) => s.values.length === d.categories.length);
const perCategory = { message: 'series: one value per category', path: ['series'] };

export const barChartSchema = z
  .object({
    title: label,
    categoryHeader: label,
    categories,
    series: z
      .array(
        z.object({
          name: label,
          values: z.array(z.union([figureSchema, amount]).nullable()).max(200),
        }),
      )
      .min(1)
      .max(6),
    unit,
  })
  .refine(oneValuePerCategory, perCategory);

export const lineChartSchema = z
  .object({
    title: label,
    categoryHeader: label,
    categories,
    series: z
      .array(z.object({ name: label, values: z.array(amount.nullable()).max(200) }))
      .min(1)
      .max(6),
    unit,
  })
  .refine(oneValuePerCategory, perCategory);

export const stackedChartSchema = z
  .object({
    title: label,
    categoryHeader: label,
    totalHeader: label,
    categories,
    series: z
      .array(
        z.object({
          name: label,
          color: z
            .string()
            .regex(/^#[0-9a-f]{6}$/i)
            .optional(),
          values: z.array(count).max(200),
        }),
      )
      .min(1)
      .max(8),
  })
  .refine(oneValuePerCategory, perCategory);

export const incidentsByMonthSchema = z.object({
  title: label,
  months: z
    .array(
      z.object({
        code: z.string().min(1).max(40),
        label,
        incidents: count,
        deaths: count,
        injuries: count,
      }),
    )
    .max(120),
});

/** Thrown when a chart is asked for with input it cannot draw; nothing is rendered. */
export class ChartInputError extends Error {
  readonly error: DomainError<'invalid-chart-input'>;
  constructor(error: DomainError<'invalid-chart-input'>) {
    super(`${error.message.fr} / ${error.message.en}`);
    this.name = 'ChartInputError';
    this.error = error;
  }
}

/** The input parsed by its schema, or a ChartInputError naming each wrong field in French and English. */
export function checkedInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => `${i.path.join('.') || what} (${i.message})`).join(', ');
  throw new ChartInputError(
    domainError(
      'invalid-chart-input',
      `Données du graphique invalides\u202f: ${fields}`,
      `Invalid chart data: ${fields}`,
    ),
  );
}
