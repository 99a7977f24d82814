import { err, ok, type Result } from '../result.js';
import { notComputable, type NotComputable } from '../not-computable.js';
import type { Count, Qualifier } from '../disaggregation/count.js';
import { roundTo } from '../format/round.js';
import { formatFormula, type FormulaNode } from './formula.js';

/** Gives the value of a referenced indicator, or why it has none. */
export type FormulaResolver = (code: string) => Result<Count, NotComputable>;

function isPositiveExact(c: Count): boolean {
  return c.qualifier === 'exact' && c.value > 0;
}

/**
 * Qualifier of a result. Exact inputs give an exact result. A lower bound survives only operations
 * that are increasing in it — adding, multiplying or dividing by an exact positive number, `max`,
 * `round` — because then the true result is at least the computed one; anything else is approximate.
 */
function qualify(node: FormulaNode, args: Count[]): Qualifier {
  if (args.every((a) => a.qualifier === 'exact')) return 'exact';
  if (args.some((a) => a.qualifier === 'approximate')) return 'approximate';
  const [a, b] = args;
  if (node.kind === 'binary' && a && b) {
    if (node.op === '+') return 'at-least';
    if (
      node.op === '*' &&
      (isPositiveExact(a) || isPositiveExact(b)) &&
      a.value >= 0 &&
      b.value >= 0
    )
      return 'at-least';
    if (node.op === '/' && isPositiveExact(b) && a.value >= 0) return 'at-least';
  }
  if (node.kind === 'call' && (node.fn === 'max' || node.fn === 'round')) {
    return node.fn === 'round' && args[1] && args[1].qualifier !== 'exact'
      ? 'approximate'
      : 'at-least';
  }
  return 'approximate';
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
): Result<Count, NotComputable> {
  switch (node.kind) {
    case 'number':
      return ok({ value: node.value, qualifier: 'exact' });
    case 'reference':
      return resolve(node.code);
    case 'negate': {
      const v = evaluateFormula(node.operand, resolve);
      if (!v.ok) return v;
      return ok({
        value: -v.value.value,
        qualifier: v.value.qualifier === 'exact' ? 'exact' : 'approximate',
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
        return err(
          notComputable(
            'division-by-zero',
            `Division par zéro : « ${what} » vaut 0 sur la période`,
            `Division by zero: "${what}" is 0 for the period`,
          ),
        );
      }
      const value =
        node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      return ok({ value, qualifier: qualify(node, [l.value, r.value]) });
    }
    case 'call': {
      const args: Count[] = [];
      for (const arg of node.args) {
        const v = evaluateFormula(arg, resolve);
        if (!v.ok) return v;
        args.push(v.value);
      }
      const values = args.map((a) => a.value);
      const value =
        node.fn === 'min'
          ? Math.min(...values)
          : node.fn === 'max'
            ? Math.max(...values)
            : roundTo(values[0] ?? 0, values[1] ?? 0);
      return ok({ value, qualifier: qualify(node, args) });
    }
  }
}
