import { sql, type SQL } from 'drizzle-orm';
import { customType, text } from 'drizzle-orm/pg-core';

/**
 * Accented letters and their bare forms, upper and lower case: the database folds both the text and
 * what was typed with the same table (whatever its collation or its `lower()`), so « segou »,
 * « SEGOU » and « Ségou » find each other. Bambara's open vowels and nasals read as the letters
 * typed for them on a French keyboard (« Sɛgɔ » finds « sego », « ɲ » and « ŋ » read as « n »);
 * capital Œ and Æ as their small forms. The typographic apostrophe reads as the plain one.
 * The one folding rule of search: the stored search columns, the typed words and `foldForSearch`.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüÿýÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸÝɛƐɔƆɲƝŋŊŒÆ’';
const BARE = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyyeeoonnnnœæ'";

/*
 * `lower` under the "C" collation changes ASCII letters only, whatever the database's locale (its
 * C.UTF-8 default lowers every alphabet): what the table does not name is kept as it is, in SQL as
 * in JavaScript.
 */

/** `value` with accents and case folded, in SQL (the table passed as parameters). */
export const foldedSql = (value: SQL | string): SQL =>
  sql`lower(translate(${value}, ${ACCENTED}, ${BARE}) collate "C")`;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A stored column holding the fold of `expression` (SQL over the row's own columns), kept by the
 * database on every write: `lower` and `translate` over literals are IMMUTABLE, so a search reads
 * the folded text instead of folding every row at query time.
 */
export const foldedColumn = (name: string, expression: string) =>
  text(name)
    .notNull()
    .generatedAlwaysAs(
      sql.raw(
        `lower(translate(${expression}, ${literal(ACCENTED)}, ${literal(BARE)}) collate "C")`,
      ),
    );

/** Text compared byte by byte (code point order in UTF-8), whatever the database's locale. */
const textInC = customType<{ data: string; driverData: string }>({
  dataType: () => 'text collate "C"',
});

/**
 * A stored sort key: the fold of `expression` under the "C" collation, so that an index on it
 * gives the order the lists promise on every server (PGlite has no ICU collation for French):
 * accents and case folded first, then code point order — Ménaka before Mopti, as
 * `Intl.Collator('fr')` puts them. `compareFolded` is the same order in JavaScript.
 */
export const foldedSortColumn = (name: string, expression: string) =>
  textInC(name)
    .notNull()
    .generatedAlwaysAs(
      sql.raw(
        `lower(translate(${expression}, ${literal(ACCENTED)}, ${literal(BARE)}) collate "C")`,
      ),
    );

/**
 * The same folding in JavaScript (the reference the SQL is tested against): accents by the table,
 * then ASCII case only, as PostgreSQL's `lower()` does under the "C" collation.
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

/**
 * Two strings in the order of a stored sort key (`foldedSortColumn`): their folds compared by code
 * point, as the "C" collation compares UTF-8 bytes (not by UTF-16 unit, which puts U+FFFD after
 * an emoji).
 * @example ['Mopti', 'Ménaka'].sort(compareFolded) // ['Ménaka', 'Mopti']
 */
export function compareFolded(a: string, b: string): number {
  const x = [...foldForSearch(a)].map((c) => c.codePointAt(0) ?? 0);
  const y = [...foldForSearch(b)].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return x.length - y.length;
}
