import { err, ok, type Result } from '../result';
import { domainError, type DomainError, type Locale } from '../localized-text';
import type { Dimension } from './dimension';
import { domainText } from '../messages/index';

/** Dimension → category, e.g. `{ sex: 'female' }` or `{ sex: 'female', age: 'youth' }`; `{}` is everyone. */
export type CellKey = Readonly<Record<string, string>>;

/**
 * The canonical text of a key: dimensions sorted, `dimension=category` joined by `;`; `''` for `{}`.
 * @example cellKeyToString({ sex: 'female', age: 'youth' }) // 'age=youth;sex=female'
 */
export function cellKeyToString(key: CellKey): string {
  return Object.keys(key)
    .sort()
    .map((d) => `${d}=${key[d] ?? ''}`)
    .join(';');
}

/**
 * Reads the canonical text back into a key.
 * @example parseCellKey('age=youth;sex=female') // { ok: true, value: { age: 'youth', sex: 'female' } }
 */
export function parseCellKey(text: string): Result<CellKey, DomainError<'invalid-cell-key'>> {
  const key: Record<string, string> = {};
  if (text.trim() === '') return ok(key);
  for (const part of text.split(';')) {
    const m = /^\s*([^=;\s]+)\s*=\s*([^=;\s]+)\s*$/.exec(part);
    if (!m || m[1] === undefined || m[2] === undefined || m[1] in key) {
      return err(domainError('invalid-cell-key', domainText('invalid-cell-key', text)));
    }
    key[m[1]] = m[2];
  }
  return ok(key);
}

/**
 * The dimensions a key fixes, sorted.
 * @example keyDimensions({ sex: 'female', age: 'youth' }) // ['age', 'sex']
 */
export function keyDimensions(key: CellKey): string[] {
  return Object.keys(key).sort();
}

/**
 * Whether every pair of `inner` is in `outer`: the cell `outer` is part of the cell `inner`.
 * @example isSubKey({ sex: 'female' }, { sex: 'female', age: 'youth' }) // true
 */
export function isSubKey(inner: CellKey, outer: CellKey): boolean {
  return Object.keys(inner).every((d) => outer[d] === inner[d]);
}

/**
 * Whether two keys describe the same cell.
 * @example sameKey({ sex: 'female', age: 'youth' }, { age: 'youth', sex: 'female' }) // true
 */
export function sameKey(a: CellKey, b: CellKey): boolean {
  return cellKeyToString(a) === cellKeyToString(b);
}

/**
 * A key's label for people: `femmes`, `femmes · jeunes (18–35 ans)`; unknown codes are shown as they are.
 * @example cellLabel({ sex: 'female' }, DEFAULT_DIMENSIONS, 'fr') // 'femmes'
 */
export function cellLabel(key: CellKey, dimensions: readonly Dimension[], locale: Locale): string {
  const dims = keyDimensions(key);
  if (dims.length === 0) return 'participants';
  const order = (d: string) => {
    const i = dimensions.findIndex((x) => x.code === d);
    return i < 0 ? dimensions.length : i;
  };
  return dims
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1))
    .map((d) => {
      const dim = dimensions.find((x) => x.code === d);
      const cat = dim?.categories.find((c) => c.code === key[d]);
      return cat ? cat.label[locale] : `${d}=${key[d] ?? ''}`;
    })
    .join(' · ');
}
