/**
 * A small evaluator for the Excel expressions this package writes (cell references, arithmetic,
 * comparisons, SUM, AND, NOT, ISNUMBER, string literals), so tests can check that a formula's text
 * gives back its cached result and which conditional-formatting rule a cell falls under — without
 * trusting the code that wrote them.
 */
export type ExcelValue = number | string | boolean | null;

type Token = { type: 'num' | 'str' | 'ref' | 'name' | 'op' | 'paren' | 'comma'; text: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|(\$?[A-Z]{1,3}\$?\d+)|([A-Z]+)(?=\()|(>=|<=|<>|[-+*/=<>])|([()])|(,))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    if (m[1] !== undefined) tokens.push({ type: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ type: 'str', text: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) tokens.push({ type: 'ref', text: m[3].replace(/\$/g, '') });
    else if (m[4] !== undefined) tokens.push({ type: 'name', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ type: 'op', text: m[5] });
    else if (m[6] !== undefined) tokens.push({ type: 'paren', text: m[6] });
    else tokens.push({ type: 'comma', text: ',' });
  }
  if (re.lastIndex < src.replace(/\s+$/, '').length)
    throw new Error(`cannot read formula at ${re.lastIndex}: ${src}`);
  return tokens;
}

/**
 * Evaluates an expression, reading cells through `cell`.
 * @example evaluateExcel('D6/C6', (ref) => ({ C6: 300, D6: 325 })[ref] ?? null) // 1.0833…
 */
export function evaluateExcel(formula: string, cell: (ref: string) => ExcelValue): ExcelValue {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const num = (v: ExcelValue) => (typeof v === 'number' ? v : v === null ? 0 : Number(v));
  function comparison(): ExcelValue {
    let left = additive();
    while (
      peek()?.type === 'op' &&
      ['=', '<>', '<', '>', '<=', '>='].includes(peek()?.text ?? '')
    ) {
      const op = next()?.text;
      const right = additive();
      switch (op) {
        case '=':
          left = left === right;
          break;
        case '<>':
          left = left !== right;
          break;
        case '<':
          left = num(left) < num(right);
          break;
        case '>':
          left = num(left) > num(right);
          break;
        case '<=':
          left = num(left) <= num(right);
          break;
        default:
          left = num(left) >= num(right);
      }
    }
    return left;
  }
  function additive(): ExcelValue {
    let left = term();
    while (peek()?.type === 'op' && (peek()?.text === '+' || peek()?.text === '-')) {
      const op = next()?.text;
      const right = term();
      left = op === '+' ? num(left) + num(right) : num(left) - num(right);
    }
    return left;
  }
  function term(): ExcelValue {
    let left = unary();
    while (peek()?.type === 'op' && (peek()?.text === '*' || peek()?.text === '/')) {
      const op = next()?.text;
      const right = unary();
      left = op === '*' ? num(left) * num(right) : num(left) / num(right);
    }
    return left;
  }
  function unary(): ExcelValue {
    if (peek()?.type === 'op' && peek()?.text === '-') {
      next();
      return -num(unary());
    }
    return primary();
  }
  function args(): ExcelValue[] {
    const out: ExcelValue[] = [];
    next(); // (
    if (peek()?.text !== ')') {
      out.push(comparison());
      while (peek()?.type === 'comma') {
        next();
        out.push(comparison());
      }
    }
    next(); // )
    return out;
  }
  function primary(): ExcelValue {
    const t = next();
    if (!t) throw new Error(`unexpected end: ${formula}`);
    if (t.type === 'num') return Number(t.text);
    if (t.type === 'str') return t.text;
    if (t.type === 'ref') return cell(t.text);
    if (t.type === 'paren' && t.text === '(') {
      const v = comparison();
      next();
      return v;
    }
    if (t.type === 'name') {
      const a = args();
      switch (t.text) {
        case 'SUM':
          return a.reduce<number>((s, v) => s + num(v), 0);
        case 'AND':
          return a.every(Boolean);
        case 'OR':
          return a.some(Boolean);
        case 'NOT':
          return !a[0];
        case 'ISNUMBER':
          return typeof a[0] === 'number';
        default:
          throw new Error(`unknown function ${t.text}`);
      }
    }
    throw new Error(`unexpected ${t.text} in ${formula}`);
  }
  const v = comparison();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return v;
}
