import { parsePeriod, type Period } from '@jalon/domain';
import { z } from 'zod';
import type { Locale } from './context';
import { toTRPCError } from './errors';

/** A period as users write it: `2023-Q2`, `2023`, `2023-04`, `FY2023`, `2023-04-01..2023-06-30`. */
export const periodInput = z.string().trim().min(1).max(40);

/** Reads a period or answers BAD_REQUEST with the engine's message. */
export function toPeriod(text: string, locale: Locale, fiscalYearStartMonth?: number): Period {
  const p = parsePeriod(text, fiscalYearStartMonth ? { fiscalYearStartMonth } : {});
  if (!p.ok) throw toTRPCError({ kind: 'invalid-input', message: p.error.message }, locale);
  return p.value;
}

export const periodDto = z.object({
  kind: z.string(),
  code: z.string(),
  start: z.iso.date(),
  end: z.iso.date(),
});

export const countDto = z.object({
  value: z.number(),
  qualifier: z.enum(['exact', 'approximate', 'at-least']),
  /** An approximate count that is also a lower bound (both qualifiers). */
  atLeast: z.literal(true).optional(),
});
export const boundsDto = z.object({ lower: z.number(), upper: z.number().nullable() });
/** The domain's `Figure`: a computed number as every output states it. */
export const figureDto = z.object({
  value: z.number(),
  qualifier: countDto.shape.qualifier,
  atLeast: z.boolean(),
  bounds: boundsDto.nullable(),
  uncounted: z.number().int(),
});
