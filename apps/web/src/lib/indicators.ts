/**
 * Pure helpers for the indicator, grant and dashboard pages: no I/O, no Svelte, tested beside.
 */

export interface TreeNode<T> {
  node: T;
  children: TreeNode<T>[];
}

/**
 * A results framework as a tree (impact → outcomes → outputs) from flat nodes with `parentId`.
 * Order among siblings is kept; a node whose parent is missing becomes a root rather than vanish.
 * @example buildTree([{ id: 'i', parentId: null }, { id: 'o', parentId: 'i' }])[0].children[0].node.id // 'o'
 */
export function buildTree<T extends { id: string; parentId: string | null }>(
  nodes: readonly T[],
): TreeNode<T>[] {
  const byId = new Map(nodes.map((node) => [node.id, { node, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const entry of byId.values()) {
    const parent = entry.node.parentId === null ? undefined : byId.get(entry.node.parentId);
    // A cycle or a parent outside the list: show the node at the top, never drop it.
    if (parent && parent !== entry && !isAncestor(entry, parent)) parent.children.push(entry);
    else roots.push(entry);
  }
  return roots;
}

function isAncestor<T>(candidate: TreeNode<T>, of: TreeNode<T>): boolean {
  const stack = [...candidate.children];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === of) return true;
    stack.push(...next.children);
  }
  return false;
}

/**
 * Indicators grouped by the dimensions they are broken down by, one group per distinct set, so a
 * breakdown is asked only of indicators that have one (the API refuses it for the others).
 * @example breakdownGroups([{ id: 'a', dimensions: ['sex'] }, { id: 'b', dimensions: [] }]) // [{ dimensions: ['sex'], ids: ['a'] }]
 */
export function breakdownGroups(
  indicators: readonly { id: string; dimensions: readonly string[] }[],
): { dimensions: string[]; ids: string[] }[] {
  const groups = new Map<string, { dimensions: string[]; ids: string[] }>();
  for (const indicator of indicators) {
    if (indicator.dimensions.length === 0) continue;
    const key = [...indicator.dimensions].join('|');
    const group = groups.get(key) ?? { dimensions: [...indicator.dimensions], ids: [] };
    group.ids.push(indicator.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Items grouped by a key, groups in the order their first item appears, `null` keys last.
 * @example groupBy([{ g: 'b' }, { g: null }, { g: 'a' }], (x) => x.g).map((e) => e.key) // ['b', 'a', null]
 */
export function groupBy<T, K extends string>(
  items: readonly T[],
  keyOf: (item: T) => K | null,
): { key: K | null; items: T[] }[] {
  const groups = new Map<K | null, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const out = [...groups.entries()].map(([key, list]) => ({ key, items: list }));
  return [...out.filter((g) => g.key !== null), ...out.filter((g) => g.key === null)];
}

/**
 * The Activités page that shows the facts behind an indicator value, when the indicator counts
 * activities or participants of one programme: its period is the value's window (a cumulative
 * value runs from the grant's start), written as the API reads ranges. `null` otherwise.
 * @example activitiesQuery({ kind: 'activities', filter: { programmes: ['JF'] } }, { start: '2023-04-01', end: '2023-06-30' }, '2023-Q2') // { programme: 'JF', period: '2023-Q2' }
 */
export function activitiesQuery(
  source: Record<string, unknown>,
  window: { start: string; end: string } | null,
  period: { code: string; start: string; end: string },
): { programme: string; period: string } | null {
  if (source.kind !== 'activities' && source.kind !== 'participation') return null;
  const filter = source.filter;
  if (typeof filter !== 'object' || filter === null || !('programmes' in filter)) return null;
  const programmes = filter.programmes;
  if (!Array.isArray(programmes) || programmes.length !== 1 || typeof programmes[0] !== 'string')
    return null;
  const sameWindow = !window || (window.start === period.start && window.end === period.end);
  return {
    programme: programmes[0],
    period: sameWindow ? period.code : `${window.start}..${window.end}`,
  };
}

/** A query string for links, skipping empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The place paths an indicator's source is filtered on (`filter.places`), none when it counts
 * everywhere; each stands for the place and everything in it.
 * @example filterPlaces({ kind: 'activities', filter: { places: ['ml/mopti'] } }) // ['ml/mopti']
 */
export function filterPlaces(source: Record<string, unknown>): string[] {
  const filter = source.filter;
  if (typeof filter !== 'object' || filter === null || !('places' in filter)) return [];
  const places = filter.places;
  return Array.isArray(places) ? places.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * Each indicator's place filter by name (a path no longer known, as is), by indicator id; the
 * indicators that count everywhere are left out.
 * @example placeFilterNames([{ id: 'i', source: { filter: { places: ['ml/mopti'] } } }], new Map([['ml/mopti', 'Mopti']])) // { i: ['Mopti'] }
 */
export function placeFilterNames(
  indicators: readonly { id: string; source: Record<string, unknown> }[],
  names: ReadonlyMap<string, string>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const indicator of indicators) {
    const paths = filterPlaces(indicator.source);
    if (paths.length > 0) out[indicator.id] = paths.map((path) => names.get(path) ?? path);
  }
  return out;
}
