import { sql, type SQL } from 'drizzle-orm';

/**
 * Accented letters and their bare forms, upper and lower case: the database folds both the text and
 * what was typed with the same table (whatever its collation or its `lower()`), so « segou »,
 * « SEGOU » and « Ségou » find each other. The typographic apostrophe reads as the plain one.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüÿýÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸÝ’';
const BARE = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy'";

/** `value` with accents and case folded, in SQL. */
export const foldedSql = (value: SQL | string): SQL =>
  sql`lower(translate(${value}, ${ACCENTED}, ${BARE}))`;

/**
 * The same folding in JavaScript (the reference the SQL is tested against): accents by the table,
 * then ASCII case only, as PostgreSQL's `lower()` does in the C locale.
 * @example foldForSearch('Ségou’s') // "segou's"
 */
export function foldForSearch(value: string): string {
  let out = '';
  for (const ch of value) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? BARE[i] : ch;
  }
  return out.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A `like` pattern matching `typed` anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(typed: string): string {
  return `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains what was typed, accents and case ignored. */
export function containsFolded(column: SQL, typed: string): SQL {
  return sql`${foldedSql(column)} like ${foldedSql(containsPattern(typed))}`;
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
