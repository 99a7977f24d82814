/** Small text helpers the message tables share. */

/** `activité` → `Activité`. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `a, b et c` with the language's own `and`. */
export function listed(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** `1 activité`, `3 activités`: a count and its noun, singular or plural. */
export const counted =
  (one: string, other: string) =>
  ({ count }: { count: number }): string =>
    `${count} ${count === 1 ? one : other}`;
