import { err, ok, type Result } from '../result';
import { domainError, type DomainError, type Locale, type LocalizedText } from '../localized-text';
import { domainMessages, domainText } from '../messages/index';
import { FORMULA_FUNCTIONS, type FormulaFunction, type FormulaNode } from './formula';

/** A formula that cannot be read; `position` is the 0-based character where reading stopped. */
export type FormulaError = DomainError<'formula-syntax' | 'unknown-function' | 'wrong-arity'> & {
  position: number;
};

type Token =
  | { t: 'num'; value: number; pos: number }
  | { t: 'id'; text: string; pos: number }
  | { t: 'ref'; text: string; pos: number }
  | { t: 'op'; text: '+' | '-' | '*' | '/' | '(' | ')' | ','; pos: number }
  | { t: 'end'; pos: number };

const OPERATORS: Record<string, '+' | '-' | '*' | '/' | '(' | ')' | ','> = {
  '+': '+',
  '-': '-',
  '\u2212': '-',
  '*': '*',
  '\u00d7': '*',
  '/': '/',
  '\u00f7': '/',
  '(': '(',
  ')': ')',
  ',': ',',
  ';': ',',
};

function syntax(position: number, message: LocalizedText): FormulaError {
  const at = (l: Locale) => domainMessages[l]['formula-at'](message[l], position + 1);
  return { ...domainError('formula-syntax', { fr: at('fr'), en: at('en') }), position };
}

function tokenize(text: string): Result<Token[], FormulaError> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ t: 'num', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (id) {
      tokens.push({ t: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if (ch === '{') {
      const close = text.indexOf('}', i);
      const code = close < 0 ? '' : text.slice(i + 1, close).trim();
      if (!code) return err(syntax(i, domainText('formula-unclosed-brace')));
      tokens.push({ t: 'ref', text: code, pos: i });
      i = close + 1;
      continue;
    }
    const op = OPERATORS[ch];
    if (!op) return err(syntax(i, domainText('formula-unexpected-character', ch)));
    tokens.push({ t: 'op', text: op, pos: i });
    i++;
  }
  tokens.push({ t: 'end', pos: text.length });
  return ok(tokens);
}

/** The tokens of a formula and how far the parser has read them. */
class Cursor {
  at = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: number,
  ) {}

  peek(): Token {
    return this.tokens[this.at] ?? { t: 'end', pos: this.end };
  }

  /** Whether the next token is the operator `op`. */
  isOp(op: string): boolean {
    const tok = this.peek();
    return tok.t === 'op' && tok.text === op;
  }

  skip(): void {
    this.at++;
  }
}

type Parsed = Result<FormulaNode, FormulaError>;

/** A sum or difference of terms, left to right. */
function expression(c: Cursor): Parsed {
  let left = term(c);
  while (left.ok && (c.isOp('+') || c.isOp('-'))) {
    const op = (c.peek() as { text: '+' | '-' }).text;
    c.skip();
    const right = term(c);
    if (!right.ok) return right;
    left = ok({ kind: 'binary', op, left: left.value, right: right.value });
  }
  return left;
}

/** A product or quotient of signed operands, left to right. */
function term(c: Cursor): Parsed {
  let left = unary(c);
  while (left.ok && (c.isOp('*') || c.isOp('/'))) {
    const op = (c.peek() as { text: '*' | '/' }).text;
    c.skip();
    const right = unary(c);
    if (!right.ok) return right;
    left = ok({ kind: 'binary', op, left: left.value, right: right.value });
  }
  return left;
}

/** An operand with its signs (`-x`, `+x`). */
function unary(c: Cursor): Parsed {
  if (c.isOp('-')) {
    c.skip();
    const operand = unary(c);
    return operand.ok ? ok({ kind: 'negate', operand: operand.value }) : operand;
  }
  if (c.isOp('+')) {
    c.skip();
    return unary(c);
  }
  return primary(c);
}

/** A number, a reference, a function call or a parenthesised expression. */
function primary(c: Cursor): Parsed {
  const tok = c.peek();
  if (tok.t === 'num') {
    c.skip();
    return ok({ kind: 'number', value: tok.value });
  }
  if (tok.t === 'ref') {
    c.skip();
    return ok({ kind: 'reference', code: tok.text });
  }
  if (tok.t === 'id') {
    c.skip();
    return c.isOp('(') ? call(c, tok) : ok({ kind: 'reference', code: tok.text });
  }
  if (c.isOp('(')) {
    c.skip();
    const inner = expression(c);
    if (!inner.ok) return inner;
    if (!c.isOp(')')) return err(syntax(c.peek().pos, domainText('formula-closing-parenthesis')));
    c.skip();
    return inner;
  }
  return err(
    tok.t === 'end'
      ? syntax(tok.pos, domainText('formula-incomplete'))
      : syntax(tok.pos, domainText('formula-operand-expected')),
  );
}

/** A call of one of the formula functions, the cursor on its opening parenthesis. */
function call(c: Cursor, name: { text: string; pos: number }): Parsed {
  const fn = name.text.toLowerCase();
  if (!(FORMULA_FUNCTIONS as readonly string[]).includes(fn)) {
    return err({
      ...domainError('unknown-function', domainText('formula-unknown-function', name.text)),
      position: name.pos,
    });
  }
  c.skip();
  const args: FormulaNode[] = [];
  if (!c.isOp(')')) {
    for (;;) {
      const arg = expression(c);
      if (!arg.ok) return arg;
      args.push(arg.value);
      if (!c.isOp(',')) break;
      c.skip();
    }
  }
  if (!c.isOp(')')) return err(syntax(c.peek().pos, domainText('formula-closing-parenthesis')));
  c.skip();
  const arityOk = fn === 'round' ? args.length === 1 || args.length === 2 : args.length >= 1;
  if (!arityOk) {
    return err({
      ...domainError('wrong-arity', domainText('formula-wrong-arity', fn, args.length)),
      position: name.pos,
    });
  }
  return ok({ kind: 'call', fn: fn as FormulaFunction, args });
}

/**
 * Reads a formula over indicators: numbers, references by code (`women`, `PO1.1`, or braced
 * `{IND-3}` when the code has other characters), `+ − × ÷` (ASCII `+ - * /` too), parentheses and
 * `min(…)`, `max(…)`, `round(x)` / `round(x, digits)`. It is parsed into a tree and never `eval`ed.
 * @example parseFormula('women / total * 100') // { ok: true, value: { kind: 'binary', op: '*', … } }
 */
export function parseFormula(text: string): Result<FormulaNode, FormulaError> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return tokenized;
  const cursor = new Cursor(tokenized.value, text.length);
  const root = expression(cursor);
  if (!root.ok) return root;
  const rest = cursor.peek();
  if (rest.t !== 'end') return err(syntax(rest.pos, domainText('formula-unexpected-continuation')));
  return root;
}
