/**
 * How far a count can be trusted: `exact`; `approximate` ("environ 50"); or `at-least`, a lower
 * bound ("plus de 325": the true number is this or more).
 */
export const QUALIFIERS = ['exact', 'approximate', 'at-least'] as const;

/** One of {@link QUALIFIERS}. */
export type Qualifier = (typeof QUALIFIERS)[number];

/** A counted number with its qualifier. */
export type Count = { value: number; qualifier: Qualifier };

/**
 * An exact count.
 * @example exact(150) // { value: 150, qualifier: 'exact' }
 */
export function exact(value: number): Count {
  return { value, qualifier: 'exact' };
}

/**
 * The qualifier of a sum: any approximate term makes the sum approximate (its error is unknown);
 * otherwise any lower bound makes it a lower bound; otherwise it is exact.
 * @example sumQualifier(['exact', 'at-least']) // 'at-least'
 */
export function sumQualifier(qualifiers: Iterable<Qualifier>): Qualifier {
  let result: Qualifier = 'exact';
  for (const q of qualifiers) {
    if (q === 'approximate') return 'approximate';
    if (q === 'at-least') result = 'at-least';
  }
  return result;
}

/**
 * Adds counts, carrying the qualifier by {@link sumQualifier}. The sum of nothing is an exact 0.
 * @example sumCounts([exact(97), { value: 50, qualifier: 'approximate' }]) // { value: 147, qualifier: 'approximate' }
 */
export function sumCounts(counts: Iterable<Count>): Count {
  let value = 0;
  const qs: Qualifier[] = [];
  for (const c of counts) {
    value += c.value;
    qs.push(c.qualifier);
  }
  return { value, qualifier: sumQualifier(qs) };
}

/**
 * The interval a count says the truth lies in. An approximate count is taken at its value: its
 * error is unknown, so checks built on it are warnings, not errors.
 * @example countInterval({ value: 325, qualifier: 'at-least' }) // { lower: 325, upper: Infinity }
 */
export function countInterval(count: Count): { lower: number; upper: number } {
  return { lower: count.value, upper: count.qualifier === 'at-least' ? Infinity : count.value };
}
