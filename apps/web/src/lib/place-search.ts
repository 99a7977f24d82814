/**
 * Searching places as people type them in the field: accents, case, apostrophes and hyphens do
 * not matter (« segou » finds « Ségou », « nioro du sahel » finds « Nioro-du-Sahel »), and each
 * word typed must begin a word of the name or appear in it.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase('fr')
    .replace(/[’'‐‑–—-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a place's name answers the query (an empty query answers every name). */
export function matchesPlace(name: string, query: string): boolean {
  const key = searchKey(name);
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => key.includes(word));
}

/**
 * The places answering the query: names beginning with it first, then the others, each group
 * in its given order.
 */
export function filterPlaces<T extends { name: string }>(places: T[], query: string): T[] {
  const q = searchKey(query);
  const found = places.filter((p) => matchesPlace(p.name, query));
  if (!q) return found;
  const starts = found.filter((p) => searchKey(p.name).startsWith(q));
  return [...starts, ...found.filter((p) => !starts.includes(p))];
}
