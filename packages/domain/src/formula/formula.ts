/** The functions a formula may call. */
export const FORMULA_FUNCTIONS = ['min', 'max', 'round'] as const;

/** One of {@link FORMULA_FUNCTIONS}. */
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];

/** A parsed formula: numbers, indicator references, + − × ÷, and min/max/round. */
export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'reference'; code: string }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; fn: FormulaFunction; args: FormulaNode[] };

/**
 * The indicator codes a formula refers to, each once, in order of appearance.
 * @example formulaReferences(parseFormula('women / total * 100').value) // ['women', 'total']
 */
export function formulaReferences(node: FormulaNode): string[] {
  const out: string[] = [];
  const walk = (n: FormulaNode): void => {
    switch (n.kind) {
      case 'reference':
        if (!out.includes(n.code)) out.push(n.code);
        return;
      case 'negate':
        return walk(n.operand);
      case 'binary':
        walk(n.left);
        return walk(n.right);
      case 'call':
        return n.args.forEach(walk);
      case 'number':
        return;
    }
  };
  walk(node);
  return out;
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/**
 * Writes a formula back as text, with only the parentheses it needs; references that are not plain
 * identifiers are braced (`{IND-3}`).
 * @example formatFormula(parseFormula('(a+b)*2').value) // '(a + b) * 2'
 */
export function formatFormula(node: FormulaNode): string {
  const go = (n: FormulaNode, parent: number, right: boolean): string => {
    switch (n.kind) {
      case 'number':
        return String(n.value);
      case 'reference':
        return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(n.code) && !/^(min|max|round)$/i.test(n.code)
          ? n.code
          : `{${n.code}}`;
      case 'negate':
        return `-${go(n.operand, 3, false)}`;
      case 'call':
        return `${n.fn}(${n.args.map((a) => go(a, 0, false)).join(', ')})`;
      case 'binary': {
        const p = PRECEDENCE[n.op];
        const text = `${go(n.left, p, false)} ${n.op} ${go(n.right, p, true)}`;
        return p < parent || (right && p === parent) ? `(${text})` : text;
      }
    }
  };
  return go(node, 0, false);
}
