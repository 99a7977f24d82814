import { m } from '$lib/paraglide/messages';

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

/** A select field; `value` null or absent is the empty choice. */
export function selectField(
  name: string,
  label: string,
  value: string | null | undefined,
  options: readonly FilterOption[],
  more: Pick<FilterSelect, 'all' | 'disabled' | 'describedBy'> = {},
): FilterSelect {
  return { kind: 'select', name, label, value: value ?? '', options, ...more };
}

/** The field, or nothing when the page has nothing to offer in it. */
export function onlyIf(shown: boolean, field: FilterField): FilterField[] {
  return shown ? [field] : [];
}

/** The place filter of a list (`place`), offered when the organisation has places. */
export function placeField(value: string | null | undefined, places: readonly Named[]) {
  return onlyIf(
    places.length > 0,
    selectField(
      'place',
      m.list_filter_place(),
      value,
      places.map((p) => ({ value: p.id, label: p.name })),
      { all: m.list_filter_all_places() },
    ),
  );
}

/** The search box of a list (`q`). */
export function searchField(value: string | null | undefined, hint?: string): FilterSearch {
  return {
    kind: 'search',
    name: 'q',
    label: m.list_filter_search(),
    value: value ?? '',
    ...(hint ? { hint } : {}),
  };
}

/** The order of a list (`sort`), its choices in the order of `labels`. */
export function sortField(value: string, labels: Record<string, () => string>): FilterSelect {
  const options = Object.entries(labels).map(([code, label]) => ({ value: code, label: label() }));
  return selectField('sort', m.list_sort(), value, options);
}

type Named = { id: string; name: string };
