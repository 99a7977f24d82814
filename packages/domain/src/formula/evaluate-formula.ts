import { err, ok, type Result } from '../result';
import { notComputable, type NotComputable } from '../not-computable';
import { isOpen, type Count, type Qualifier } from '../disaggregation/count';
import type { Bounds } from '../format/format-count';
import { roundTo } from '../format/round';
import { formatFormula, type FormulaNode } from './formula';
import { domainText } from '../messages/index';

/**
 * A formula's input or result: a count with, when the engine can tell, the interval the truth lies
 * in (`upper` null when open) and how many activities of the period were never counted.
 */
export type FormulaValue = Count & { bounds?: Bounds; uncounted?: number };

/** Gives the value of a referenced indicator, or why it has none. */
export type FormulaResolver = (code: string) => Result<FormulaValue, NotComputable>;

/**
 * What a formula reads of a computed value: its count, its bounds and its uncounted activities.
 * @example formulaInput({ value: 179, qualifier: 'at-least', bounds: { lower: 179, upper: null }, uncounted: 13, ratio: … }) // { value: 179, qualifier: 'at-least', bounds: …, uncounted: 13 }
 */
export function formulaInput(v: {
  value: number;
  qualifier: Qualifier;
  atLeast?: true;
  bounds?: Bounds;
  uncounted?: number;
}): FormulaValue {
  return {
    value: v.value,
    qualifier: v.qualifier,
    ...(v.atLeast ? { atLeast: true } : {}),
    ...(v.bounds ? { bounds: v.bounds } : {}),
    ...(v.uncounted ? { uncounted: v.uncounted } : {}),
  };
}

function isPositiveExact(c: Count): boolean {
  return c.qualifier === 'exact' && c.value > 0;
}

/** Open above: as its bounds say when it has some (56–97 is a lower bound, not an open one). */
function isOpenValue(v: FormulaValue): boolean {
  return v.bounds ? v.bounds.upper === null : isOpen(v);
}

/**
 * Whether a result can only grow with each of its inexact arguments — adding, subtracting an exact
 * number, multiplying or dividing by an exact positive number, `max`, `round` — so that a lower
 * bound in gives a lower bound out (and an open one an open one).
 */
function increasing(node: FormulaNode, args: FormulaValue[]): boolean {
  const [a, b] = args;
  if (node.kind === 'binary' && a && b) {
    if (node.op === '+') return true;
    if (node.op === '-') return b.qualifier === 'exact';
    if (node.op === '*')
      return (isPositiveExact(a) || isPositiveExact(b)) && a.value >= 0 && b.value >= 0;
    if (node.op === '/') return isPositiveExact(b) && a.value >= 0;
  }
  if (node.kind === 'call') {
    if (node.fn === 'max') return true;
    if (node.fn === 'round') return !args[1] || args[1].qualifier === 'exact';
  }
  return false;
}

/**
 * Qualifier of a result. Exact inputs give an exact result. A lower bound survives only operations
 * {@link increasing} in it, because then the true result is at least the computed one; anything
 * else is approximate. An approximate result of such an operation with an open input stays open
 * (`atLeast`: « au moins environ »).
 */
function qualify(
  node: FormulaNode,
  args: FormulaValue[],
): { qualifier: Qualifier; atLeast?: true } {
  if (args.every((a) => a.qualifier === 'exact')) return { qualifier: 'exact' };
  const lower = increasing(node, args);
  if (args.some((a) => a.qualifier === 'approximate'))
    return lower && args.some(isOpenValue)
      ? { qualifier: 'approximate', atLeast: true }
      : { qualifier: 'approximate' };
  return { qualifier: lower ? 'at-least' : 'approximate' };
}

/** The interval of an exact or lower-bound input: its bounds, `[v, v]`, or `[v, open)`. */
function interval(v: FormulaValue): Bounds {
  if (v.bounds) return v.bounds;
  return { lower: v.value, upper: v.qualifier === 'exact' ? v.value : null };
}

/**
 * The result with what its inputs knew. The activities never counted are the most any input
 * names (the inputs may count the same activities). A lower bound computed from inputs with known
 * bounds gets bounds too: the operation is increasing in each input, so it maps the lower ends to
 * the lower end and the upper ends to the upper end (open when one is open).
 */
function withContext(
  node: FormulaNode,
  args: FormulaValue[],
  value: number,
  apply: (xs: number[]) => number,
): FormulaValue {
  const out: FormulaValue = { value, ...qualify(node, args) };
  const uncounted = Math.max(0, ...args.map((a) => a.uncounted ?? 0));
  if (uncounted > 0) out.uncounted = uncounted;
  if (out.qualifier === 'at-least' && args.some((a) => a.bounds)) {
    const intervals = args.map(interval);
    const uppers = intervals.map((i) => i.upper);
    out.bounds = {
      lower: apply(intervals.map((i) => i.lower)),
      upper: uppers.every((u): u is number => u !== null) ? apply(uppers) : null,
    };
  }
  return out;
}

/**
 * Evaluates a parsed formula. References are resolved by the caller (usually the indicator engine,
 * over the same period). Division by zero is "not computable" with the denominator named, never
 * `Infinity`.
 * @example evaluateFormula(parseFormula('women / total * 100').value, (c) => ok(exact(c === 'women' ? 97 : 150))) // { ok: true, value: { value: 64.66…, qualifier: 'exact' } }
 */
export function evaluateFormula(
  node: FormulaNode,
  resolve: FormulaResolver,
): Result<FormulaValue, NotComputable> {
  switch (node.kind) {
    case 'number':
      return ok({ value: node.value, qualifier: 'exact' });
    case 'reference':
      return resolve(node.code);
    case 'negate': {
      const v = evaluateFormula(node.operand, resolve);
      if (!v.ok) return v;
      const { uncounted } = v.value;
      return ok({
        value: -v.value.value,
        qualifier: v.value.qualifier === 'exact' ? 'exact' : 'approximate',
        ...(uncounted ? { uncounted } : {}),
      });
    }
    case 'binary': {
      const l = evaluateFormula(node.left, resolve);
      if (!l.ok) return l;
      const r = evaluateFormula(node.right, resolve);
      if (!r.ok) return r;
      const a = l.value.value;
      const b = r.value.value;
      if (node.op === '/' && b === 0) {
        const what = formatFormula(node.right);
        return err(notComputable('division-by-zero', domainText('division-by-zero', what)));
      }
      const apply = ([x = 0, y = 0]: number[]) =>
        node.op === '+' ? x + y : node.op === '-' ? x - y : node.op === '*' ? x * y : x / y;
      return ok(withContext(node, [l.value, r.value], apply([a, b]), apply));
    }
    case 'call': {
      const args: FormulaValue[] = [];
      for (const arg of node.args) {
        const v = evaluateFormula(arg, resolve);
        if (!v.ok) return v;
        args.push(v.value);
      }
      const apply = (values: number[]) =>
        node.fn === 'min'
          ? Math.min(...values)
          : node.fn === 'max'
            ? Math.max(...values)
            : roundTo(values[0] ?? 0, values[1] ?? 0);
      return ok(withContext(node, args, apply(args.map((a) => a.value)), apply));
    }
  }
}
