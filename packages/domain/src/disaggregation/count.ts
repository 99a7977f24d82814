/**
 * How far a count can be trusted: `exact`; `approximate` ("environ 50"); or `at-least`, a lower
 * bound ("plus de 325": the true number is this or more).
 */
export const QUALIFIERS = ['exact', 'approximate', 'at-least'] as const;

/** One of {@link QUALIFIERS}. */
export type Qualifier = (typeof QUALIFIERS)[number];

/**
 * A counted number with its qualifier. `atLeast` is set only on an approximate count that is also a
 * lower bound: a sum of "environ 50" and "plus de 325" (or of an activity nobody counted) is about
 * its value AND may be larger without limit, so it carries both qualifiers (« au moins environ 375 »).
 * An `at-least` count is open above by definition and never carries the flag.
 */
export type Count = { value: number; qualifier: Qualifier; atLeast?: true };

/**
 * Whether a count has no upper limit: a lower bound, or an approximate count that is also one.
 * @example isOpen({ value: 657, qualifier: 'approximate', atLeast: true }) // true
 */
export function isOpen(count: { qualifier: Qualifier; atLeast?: boolean }): boolean {
  return count.qualifier === 'at-least' || count.atLeast === true;
}

/**
 * The qualifier of a sum with its open-above flag: approximate when any term is approximate, and
 * then `atLeast` when any term is open above; otherwise as {@link sumQualifier}.
 * @example combineQualifiers([{ qualifier: 'approximate' }, { qualifier: 'at-least' }]) // { qualifier: 'approximate', atLeast: true }
 */
export function combineQualifiers(terms: Iterable<{ qualifier: Qualifier; atLeast?: boolean }>): {
  qualifier: Qualifier;
  atLeast?: true;
} {
  const list = [...terms];
  const qualifier = sumQualifier(list.map((t) => t.qualifier));
  return qualifier === 'approximate' && list.some(isOpen)
    ? { qualifier, atLeast: true }
    : { qualifier };
}

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
 * Adds counts, carrying the qualifier by {@link combineQualifiers} (an approximate sum with an open
 * term is also a lower bound). The sum of nothing is an exact 0.
 * @example sumCounts([exact(97), { value: 50, qualifier: 'approximate' }]) // { value: 147, qualifier: 'approximate' }
 */
export function sumCounts(counts: Iterable<Count>): Count {
  let value = 0;
  const terms: Count[] = [];
  for (const c of counts) {
    value += c.value;
    terms.push(c);
  }
  return { value, ...combineQualifiers(terms) };
}

/**
 * The interval a count says the truth lies in. An approximate count is taken at its value: its
 * error is unknown, so checks built on it are warnings, not errors.
 * @example countInterval({ value: 325, qualifier: 'at-least' }) // { lower: 325, upper: Infinity }
 */
export function countInterval(count: Count): { lower: number; upper: number } {
  return { lower: count.value, upper: isOpen(count) ? Infinity : count.value };
}
