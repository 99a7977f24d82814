import type { Count, Qualifier } from './count';

/** A count read from text, or why it could not be read. */
export type ParsedCount =
  | { ok: true; count: Count | null }
  | { ok: false; reason: 'unreadable' | 'negative' | 'fractional' | 'too-large' };

const APPROXIMATE =
  /^(environ|env\.?|à peu près|a peu pres|près de|pres de|about|approx\.?|approximately|around|~|≈|±)\s*/;
const AT_LEAST = /^(plus de|au moins|more than|at least|over|>=|≥|>)\s*/;

const UNKNOWN = /^(nombre inconnu|unknown number)$/;

/** The largest count accepted (the API's bound). */
export const MAX_COUNT = 10_000_000;

/**
 * The qualifier a figure is typed with, and the figure's text left: `environ 50`, `~50`, `≈ 50`
 * → approximate; `plus de 50`, `au moins 50`, `>50`, `≥ 50`, `50+` → at least; else exact. The
 * text is normalised (NFKC, lower case, one space). One rule for counts and for values typed by
 * hand, in the activity form and the import.
 * @example splitQualifier('≥ 12,5') // { qualifier: 'at-least', rest: '12,5' }
 */
export function splitQualifier(raw: string): { qualifier: Qualifier; rest: string } {
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  const approximate = APPROXIMATE.exec(text);
  if (approximate) return { qualifier: 'approximate', rest: text.slice(approximate[0].length) };
  const atLeast = AT_LEAST.exec(text);
  if (atLeast) return { qualifier: 'at-least', rest: text.slice(atLeast[0].length) };
  if (/\d\s*\+$/.test(text)) return { qualifier: 'at-least', rest: text.replace(/\s*\+$/, '') };
  return { qualifier: 'exact', rest: text };
}

/**
 * A count as typed: `40`, `1 200`, `environ 50` (or `~50`, `≈ 50`), `plus de 325` (or `>325`,
 * `≥ 325`, `325+`); `nombre inconnu` / `unknown number` (what formatCount writes for « au moins
 * 0 ») is at least 0. Empty means not counted. Words in French or English, whatever the page's
 * language. One rule for the activity form and the import.
 * @example parseCount('plus de 325') // { ok: true, count: { value: 325, qualifier: 'at-least' } }
 */
export function parseCount(raw: string): ParsedCount {
  const read = splitQualifier(raw);
  if (read.rest === '' && read.qualifier === 'exact') return { ok: true, count: null };
  // What formatCount writes for « au moins 0 »: a count known to exist but of no known size.
  if (UNKNOWN.test(read.rest)) return { ok: true, count: { value: 0, qualifier: 'at-least' } };
  const { qualifier } = read;
  let text = read.rest;
  // Thousands written with spaces, `1 200`, or with commas as in English, `1,200` (a count is
  // whole, so a comma followed by three digits cannot be a decimal one).
  text = text.replace(/(\d) (?=\d{3}\b)/g, '$1');
  if (/^\d{1,3}(,\d{3})+$/.test(text)) text = text.replace(/,/g, '');
  if (/^-\s*\d+([.,]\d+)?$/.test(text)) return { ok: false, reason: 'negative' };
  if (/^\d+[.,]\d+$/.test(text)) return { ok: false, reason: 'fractional' };
  if (!/^\d+$/.test(text)) return { ok: false, reason: 'unreadable' };
  const value = Number(text);
  if (value > MAX_COUNT) return { ok: false, reason: 'too-large' };
  return { ok: true, count: { value, qualifier } };
}
