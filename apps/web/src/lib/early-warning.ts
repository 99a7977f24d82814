import type { IncidentCategory, IncidentGroupDto } from '$lib/api-types';

/**
 * Pure helpers for the early-warning page: no I/O, no Svelte, tested beside.
 */

/** The API's incident categories, in its order (`incidentCategories` of @jalon/db). */
export const INCIDENT_CATEGORIES = [
  'organised-crime-violent-extremism',
  'democracy-governance',
  'women-peace-security',
  'environmental-security',
] as const satisfies readonly IncidentCategory[];

/**
 * The category filter from the URL: a known category, or null (all) for anything else, so a
 * mistyped link shows every incident rather than an error.
 * @example parseCategory('democracy-governance') // 'democracy-governance'
 */
export function parseCategory(value: string | null | undefined): IncidentCategory | null {
  const trimmed = value?.trim() ?? '';
  return (INCIDENT_CATEGORIES as readonly string[]).includes(trimmed)
    ? (trimmed as IncidentCategory)
    : null;
}

/**
 * A 1-based page number from the URL; anything not a positive integer is the first page.
 * @example parsePage('3') // 3
 */
export function parsePage(value: string | null | undefined): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page >= 1 ? page : 1;
}

/** How many pages `total` rows fill, at least one. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Regions where something happened, most incidents first (ties keep the API's order): a list
 * of every region of Mali with zeros says nothing.
 */
export function activeRegions<T extends Pick<IncidentGroupDto, 'incidents'>>(
  groups: readonly T[],
): T[] {
  return groups
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => group.incidents > 0)
    .sort((a, b) => b.group.incidents - a.group.incidents || a.index - b.index)
    .map(({ group }) => group);
}
