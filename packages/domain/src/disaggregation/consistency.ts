import { inEachLanguage, type Locale, type LocalizedText } from '../localized-text';
import { formatCount } from '../format/format-count';
import { formatNumber } from '../format/format-number';
import { cellKeyToString, cellLabel, isSubKey, keyDimensions, type CellKey } from './cell-key';
import type { Count, Qualifier } from './count';
import type { CountRecord } from './count-record';
import { DEFAULT_DIMENSIONS, type Dimension } from './dimension';
import { buildLattice } from './lattice';
import { domainSays, domainText } from '../messages/index';

/** Stable codes of the consistency check. */
export const CONSISTENCY_CODES = [
  'non-finite-count',
  'negative-count',
  'fractional-count',
  'empty-cell-key',
  'duplicate-cell',
  'unknown-dimension',
  'unknown-category',
  'part-exceeds-whole',
  'cross-tab-exceeds-marginal',
  'parts-exceed-whole',
  'complete-dimension-sum-mismatch',
  'lower-bound-raised',
  'counts-contradict',
  'approximate-counts-adjusted',
] as const;

/** One of {@link CONSISTENCY_CODES}. */
export type ConsistencyCode = (typeof CONSISTENCY_CODES)[number];

/**
 * `error`: the record cannot be true. `warning`: it looks wrong but rests on an approximate count
 * ("environ 50"), whose error is unknown. `info`: true but worth knowing (a lower-bound total raised by its parts).
 */
export const SEVERITIES = ['error', 'warning', 'info'] as const;

/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** A problem found in a count record; `keys` are the canonical keys involved (`''` is the total). */
export type ConsistencyIssue = {
  code: ConsistencyCode;
  severity: Severity;
  keys: string[];
  message: LocalizedText;
};

type Node = { key: CellKey; count: Count };

const TOTAL_KEY: CellKey = {};

function describe(node: Node, dims: readonly Dimension[], locale: Locale): string {
  return `${formatCount(node.count, locale)} ${cellLabel(node.key, dims, locale)}`;
}

function dimensionNames(codes: string[], dims: readonly Dimension[], locale: Locale): string {
  const names = codes.map((c) => dims.find((d) => d.code === c)?.label[locale] ?? c);
  return names.join(` ${domainSays(locale, 'and')} `);
}

/** Sum of the parts as an interval; `approximate` says whether any term is approximate. */
function partsInterval(parts: Count[]): { lower: number; upper: number; approximate: boolean } {
  let lower = 0;
  let upper = 0;
  let approximate = false;
  for (const p of parts) {
    lower += p.value;
    upper += p.qualifier === 'at-least' ? Infinity : p.value;
    approximate ||= p.qualifier === 'approximate';
  }
  return { lower, upper, approximate };
}

/**
 * Every problem in a count record, with a stable code and a French/English message an officer can act on.
 *
 * Qualifiers are honoured as intervals: an exact count is its value, a lower bound ("plus de 325") is
 * [value, ∞). A part can exceed an exact whole only by error; it can never contradict a lower-bound
 * whole — "plus de 325 dont 400 femmes" only teaches that there were at least 400, reported as `info`
 * `lower-bound-raised`. An approximate count ("environ 50") has an unknown error, so a contradiction
 * that rests on one is a `warning`, never an `error`. The parts of a complete dimension (all of its
 * categories recorded) must add up to their whole.
 * @example checkConsistency({ total: exact(20), cells: [{ key: { sex: 'female' }, value: 30, qualifier: 'exact' }] })[0].message.fr
 * // '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.'
 */
export function checkConsistency(
  record: CountRecord,
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const nodes: Node[] = [];
  const seen = new Set<string>();

  // Only well-formed counts (finite, non-negative, whole) are compared with each other: comparing a
  // negative or fractional count would only repeat the first problem in other words.
  const checkNumber = (node: Node, keyText: string): boolean => {
    const what = (locale: Locale) => cellLabel(node.key, dimensions, locale);
    const v = node.count.value;
    if (!Number.isFinite(v)) {
      issues.push({
        code: 'non-finite-count',
        severity: 'error',
        keys: [keyText],
        message: inEachLanguage((l) => domainSays(l, 'count-unreadable', what(l))),
      });
      return false;
    }
    if (v < 0) {
      issues.push({
        code: 'negative-count',
        severity: 'error',
        keys: [keyText],
        message: inEachLanguage((l) =>
          domainSays(l, 'count-negative', what(l), formatNumber(v, l)),
        ),
      });
      return false;
    }
    if (!Number.isInteger(v)) {
      issues.push({
        code: 'fractional-count',
        severity: 'error',
        keys: [keyText],
        message: inEachLanguage((l) =>
          domainSays(l, 'count-fractional', what(l), formatNumber(v, l)),
        ),
      });
      return false;
    }
    return true;
  };

  if (record.total) {
    const node = { key: TOTAL_KEY, count: record.total };
    if (checkNumber(node, '')) nodes.push(node);
  }
  for (const cell of record.cells) {
    const keyText = cellKeyToString(cell.key);
    const node: Node = { key: cell.key, count: { value: cell.value, qualifier: cell.qualifier } };
    if (keyDimensions(cell.key).length === 0) {
      issues.push({
        code: 'empty-cell-key',
        severity: 'error',
        keys: [keyText],
        message: domainText('cell-without-category'),
      });
      continue;
    }
    if (seen.has(keyText)) {
      issues.push({
        code: 'duplicate-cell',
        severity: 'error',
        keys: [keyText],
        message: inEachLanguage((l) =>
          domainSays(l, 'cell-twice', cellLabel(cell.key, dimensions, l)),
        ),
      });
      continue;
    }
    seen.add(keyText);
    for (const d of keyDimensions(cell.key)) {
      const dim = dimensions.find((x) => x.code === d);
      const category = cell.key[d] ?? '';
      if (!dim) {
        issues.push({
          code: 'unknown-dimension',
          severity: 'error',
          keys: [keyText],
          message: domainText('unknown-dimension', d),
        });
      } else if (!dim.categories.some((c) => c.code === category)) {
        issues.push({
          code: 'unknown-category',
          severity: 'error',
          keys: [keyText],
          message: inEachLanguage((l) => domainSays(l, 'unknown-category', category, dim.label[l])),
        });
      }
    }
    if (checkNumber(node, keyText)) nodes.push(node);
  }

  checkWholes(nodes, dimensions, issues);
  if (!issues.some((i) => i.severity === 'error')) checkTogether(record, dimensions, issues);
  return issues;
}

/**
 * The check the figures themselves rely on: all counts at once, as the engine propagates them (the
 * pairwise checks above miss contradictions that need three counts: 100 participants, 60 women, 60
 * young people and 10 young women). A contradiction among counted facts is an error; one that rests
 * on an approximate count is a warning, and the engine then moves that count to the nearest value
 * the counted facts allow (an approximate total is widened to its parts).
 */
function checkTogether(
  record: CountRecord,
  dimensions: readonly Dimension[],
  issues: ConsistencyIssue[],
): void {
  const counted: CountRecord = {
    total: record.total?.qualifier === 'approximate' ? null : record.total,
    cells: record.cells.filter((c) => c.qualifier !== 'approximate'),
  };
  if (!buildLattice(counted, dimensions).ok) {
    issues.push({
      code: 'counts-contradict',
      severity: 'error',
      keys: [],
      message: domainText('inconsistent-participants'),
    });
    return;
  }
  if (issues.some((i) => i.severity === 'warning')) return;
  // Approximate counts taken at their word, as the engine first does.
  const stated = <T extends { qualifier: Qualifier }>(c: T): T =>
    c.qualifier === 'approximate' ? { ...c, qualifier: 'exact' } : c;
  const asStated: CountRecord = {
    total: record.total && stated(record.total),
    cells: record.cells.map(stated),
  };
  if (!buildLattice(asStated, dimensions).ok) {
    issues.push({
      code: 'approximate-counts-adjusted',
      severity: 'warning',
      keys: [],
      message: domainText('approximate-adjusted'),
    });
  }
}

function checkWholes(
  nodes: Node[],
  dimensions: readonly Dimension[],
  issues: ConsistencyIssue[],
): void {
  const wholes = nodes;
  for (const whole of wholes) {
    const wholeDims = keyDimensions(whole.key);
    const wholeText = cellKeyToString(whole.key);
    const isTotal = wholeDims.length === 0;
    const parts = nodes.filter(
      (n) =>
        n !== whole && keyDimensions(n.key).length > wholeDims.length && isSubKey(whole.key, n.key),
    );

    // One part against its whole.
    for (const part of parts) {
      const { lower, approximate } = partsInterval([part.count]);
      if (whole.count.qualifier === 'at-least' || lower <= whole.count.value) continue;
      const soft = approximate || whole.count.qualifier === 'approximate';
      issues.push({
        code: isTotal ? 'part-exceeds-whole' : 'cross-tab-exceeds-marginal',
        severity: soft ? 'warning' : 'error',
        keys: [cellKeyToString(part.key), wholeText],
        message: inEachLanguage((l) =>
          isTotal
            ? domainSays(
                l,
                'part-exceeds-total',
                describe(part, dimensions, l),
                formatCount(whole.count, l),
              )
            : domainSays(
                l,
                'cross-tab-exceeds-category',
                describe(part, dimensions, l),
                describe(whole, dimensions, l),
              ),
        ),
      });
    }

    // Disjoint parts together: cells on the same dimensions never share a person.
    const groups = new Map<string, Node[]>();
    for (const part of parts) {
      const g = keyDimensions(part.key).join(',');
      groups.set(g, [...(groups.get(g) ?? []), part]);
    }
    for (const [g, group] of groups) {
      const extra = g.split(',').filter((d) => !wholeDims.includes(d));
      const sum = partsInterval(group.map((p) => p.count));
      const soft = sum.approximate || whole.count.qualifier === 'approximate';
      const wholeUpper = whole.count.qualifier === 'at-least' ? Infinity : whole.count.value;
      const extraDims = extra.map((d) => dimensions.find((x) => x.code === d));
      const combos = extraDims.reduce(
        (acc, d) => acc * (d?.complete ? d.categories.length : NaN),
        1,
      );
      // Cells are distinct (duplicates were set aside), so all combinations are present exactly when
      // every cell uses known categories and there are as many cells as combinations.
      const known = group.every((p) =>
        extraDims.every(
          (d) => d !== undefined && d.categories.some((c) => c.code === p.key[d.code]),
        ),
      );
      const complete = known && Number.isFinite(combos) && group.length === combos;
      const listing = (l: Locale) =>
        `${group.map((p) => `${cellLabel(p.key, dimensions, l)} (${formatCount(p.count, l)})`).join(' + ')} = ${formatNumber(sum.lower, l)}`;
      const wholeWords = (l: Locale) =>
        isTotal ? `${formatCount(whole.count, l)} participants` : describe(whole, dimensions, l);
      const keys = [...group.map((p) => cellKeyToString(p.key)), wholeText];

      if (complete && (sum.lower > wholeUpper || sum.upper < whole.count.value)) {
        issues.push({
          code: 'complete-dimension-sum-mismatch',
          severity: soft ? 'warning' : 'error',
          keys,
          message: inEachLanguage((l) =>
            domainSays(
              l,
              'breakdown-sum-mismatch',
              listing(l),
              wholeWords(l),
              dimensionNames(extra, dimensions, l),
            ),
          ),
        });
        continue;
      }
      if (group.length >= 2 && sum.lower > wholeUpper) {
        const single = group.some((p) => p.count.value > whole.count.value);
        if (!single) {
          issues.push({
            code: 'parts-exceed-whole',
            severity: soft ? 'warning' : 'error',
            keys,
            message: inEachLanguage((l) =>
              domainSays(l, 'parts-exceed-whole', listing(l), wholeWords(l)),
            ),
          });
        }
        continue;
      }
      if (whole.count.qualifier === 'at-least' && sum.lower > whole.count.value) {
        issues.push({
          code: 'lower-bound-raised',
          severity: 'info',
          keys,
          message: inEachLanguage((l) =>
            domainSays(
              l,
              'lower-bound-raised',
              listing(l),
              formatNumber(sum.lower, l),
              cellLabel(whole.key, dimensions, l),
              formatCount(whole.count, l),
            ),
          ),
        });
      }
    }
  }
}
