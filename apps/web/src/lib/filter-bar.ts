/*
 * The fields of a list page's filter bar (`$lib/components/filter-bar.svelte`): the activities
 * list, the incident register and the pivot table each describe theirs as data, and the bar draws
 * one markup for all — a label and a select or a search box per field, the field's name as the
 * URL parameter.
 */

export type FilterOption = { value: string; label: string };

/** A select: `all`, when given, is the first choice, with the empty value (no filter). */
export type FilterSelect = {
  kind: 'select';
  name: string;
  label: string;
  value: string;
  options: readonly FilterOption[];
  all?: string;
  disabled?: boolean;
  /** The id of a paragraph that says why the field is disabled. */
  describedBy?: string;
};

/** A search box, with a hint under it when given. */
export type FilterSearch = {
  kind: 'search';
  name: string;
  label: string;
  value: string;
  hint?: string;
};

export type FilterField = FilterSelect | FilterSearch;

/** The options of a select from codes and their words. */
export function optionsOf<T extends string>(
  codes: readonly T[],
  label: (code: T) => string,
): FilterOption[] {
  return codes.map((code) => ({ value: code, label: label(code) }));
}
