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
 * A count as typed: `40`, `1 200`, `environ 50` (or `~50`, `≈ 50`), `plus de 325` (or `>325`,
 * `≥ 325`, `325+`); `nombre inconnu` / `unknown number` (what formatCount writes for « au moins
 * 0 ») is at least 0. Empty means not counted. Words in French or English, whatever the page's
 * language. One rule for the activity form and the import.
 * @example parseCount('plus de 325') // { ok: true, count: { value: 325, qualifier: 'at-least' } }
 */
export function parseCount(raw: string): ParsedCount {
  let text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  if (text === '') return { ok: true, count: null };
  // What formatCount writes for « au moins 0 »: a count known to exist but of no known size.
  if (UNKNOWN.test(text)) return { ok: true, count: { value: 0, qualifier: 'at-least' } };
  let qualifier: Qualifier = 'exact';
  const approximate = APPROXIMATE.exec(text);
  const atLeast = AT_LEAST.exec(text);
  if (approximate) {
    qualifier = 'approximate';
    text = text.slice(approximate[0].length);
  } else if (atLeast) {
    qualifier = 'at-least';
    text = text.slice(atLeast[0].length);
  } else if (/\d\s*\+$/.test(text)) {
    qualifier = 'at-least';
    text = text.replace(/\s*\+$/, '');
  }
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
