import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { foldedSql } from '../schema/fold';

export { compareFolded, foldForSearch, foldedSql } from '../schema/fold';

/** A `like` pattern matching `typed` anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(typed: string): string {
  return `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains what was typed, accents and case ignored. */
export function containsFolded(column: SQL, typed: string): SQL {
  return sql`${foldedSql(column)} like ${foldedSql(containsPattern(typed))}`;
}

/**
 * A stored folded column (`foldedColumn`) contains what was typed, folded by the same rule: only
 * the typed word is folded at query time.
 */
export function foldedContains(folded: SQL | AnyPgColumn, typed: string): SQL {
  return sql`${folded} like ${foldedSql(containsPattern(typed))}`;
}

/**
 * `path` is the place's own path or one below it (a region holds its cercles and communes). The
 * place's path is read in a sub-select under an alias of its own, so it never captures an outer
 * query's `place`.
 */
export function withinPlace(path: SQL, organisationId: string, placeId: string): SQL {
  const root = sql`(select within_place.path from place as within_place where within_place.organisation_id = ${organisationId} and within_place.id = ${placeId})`;
  return sql`(${path} = ${root} or starts_with(${path}, ${root} || '/'))`;
}
