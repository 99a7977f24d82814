/**
 * A name as compared: accents, case, punctuation and spacing ignored (`Ségou`, `SEGOU`,
 * ` segou ` are one name; `Mopti-Sévaré` is `mopti sevare`).
 * @example normalizeName('  Ségou ') // 'segou'
 */
export function normalizeName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´\-_./()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Levenshtein distance, for suggesting the closest names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known names closest to one not found, best first: those within a distance of a third of
 * the name's length, or containing it, at most `limit`. Sorted by distance, then in French order.
 * @example closestNames('Segu', ['Ségou', 'Mopti', 'Sikasso']) // ['Ségou']
 */
export function closestNames(raw: string, known: readonly string[], limit = 3): string[] {
  const target = normalizeName(raw);
  if (target === '') return [];
  const collator = new Intl.Collator('fr');
  const max = Math.max(2, Math.ceil(target.length / 3));
  return known
    .map((name) => {
      const n = normalizeName(name);
      const d = editDistance(target, n);
      return { name, d: n.includes(target) || target.includes(n) ? Math.min(d, max) : d };
    })
    .filter((c) => c.d <= max)
    .sort((a, b) => a.d - b.d || collator.compare(a.name, b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
