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

/**
 * Reads a formula over indicators: numbers, references by code (`women`, `PO1.1`, or braced
 * `{IND-3}` when the code has other characters), `+ − × ÷` (ASCII `+ - * /` too), parentheses and
 * `min(…)`, `max(…)`, `round(x)` / `round(x, digits)`. It is parsed into a tree and never `eval`ed.
 * @example parseFormula('women / total * 100') // { ok: true, value: { kind: 'binary', op: '*', … } }
 */
export function parseFormula(text: string): Result<FormulaNode, FormulaError> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return tokenized;
  const tokens = tokenized.value;
  let at = 0;
  const peek = (): Token => tokens[at] ?? { t: 'end', pos: text.length };
  const isOp = (tok: Token, op: string): boolean => tok.t === 'op' && tok.text === op;

  const expression = (): Result<FormulaNode, FormulaError> => {
    let left = term();
    while (left.ok && (isOp(peek(), '+') || isOp(peek(), '-'))) {
      const op = (peek() as { text: '+' | '-' }).text;
      at++;
      const right = term();
      if (!right.ok) return right;
      left = ok({ kind: 'binary', op, left: left.value, right: right.value });
    }
    return left;
  };

  const term = (): Result<FormulaNode, FormulaError> => {
    let left = unary();
    while (left.ok && (isOp(peek(), '*') || isOp(peek(), '/'))) {
      const op = (peek() as { text: '*' | '/' }).text;
      at++;
      const right = unary();
      if (!right.ok) return right;
      left = ok({ kind: 'binary', op, left: left.value, right: right.value });
    }
    return left;
  };

  const unary = (): Result<FormulaNode, FormulaError> => {
    if (isOp(peek(), '-')) {
      at++;
      const operand = unary();
      return operand.ok ? ok({ kind: 'negate', operand: operand.value }) : operand;
    }
    if (isOp(peek(), '+')) {
      at++;
      return unary();
    }
    return primary();
  };

  const primary = (): Result<FormulaNode, FormulaError> => {
    const tok = peek();
    if (tok.t === 'num') {
      at++;
      return ok({ kind: 'number', value: tok.value });
    }
    if (tok.t === 'ref') {
      at++;
      return ok({ kind: 'reference', code: tok.text });
    }
    if (tok.t === 'id') {
      at++;
      if (!isOp(peek(), '(')) return ok({ kind: 'reference', code: tok.text });
      const fn = tok.text.toLowerCase();
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(fn)) {
        return err({
          ...domainError('unknown-function', domainText('formula-unknown-function', tok.text)),
          position: tok.pos,
        });
      }
      at++;
      const args: FormulaNode[] = [];
      if (!isOp(peek(), ')')) {
        for (;;) {
          const arg = expression();
          if (!arg.ok) return arg;
          args.push(arg.value);
          if (!isOp(peek(), ',')) break;
          at++;
        }
      }
      if (!isOp(peek(), ')'))
        return err(syntax(peek().pos, domainText('formula-closing-parenthesis')));
      at++;
      const arityOk = fn === 'round' ? args.length === 1 || args.length === 2 : args.length >= 1;
      if (!arityOk) {
        return err({
          ...domainError('wrong-arity', domainText('formula-wrong-arity', fn, args.length)),
          position: tok.pos,
        });
      }
      return ok({ kind: 'call', fn: fn as FormulaFunction, args });
    }
    if (isOp(tok, '(')) {
      at++;
      const inner = expression();
      if (!inner.ok) return inner;
      if (!isOp(peek(), ')'))
        return err(syntax(peek().pos, domainText('formula-closing-parenthesis')));
      at++;
      return inner;
    }
    return err(
      tok.t === 'end'
        ? syntax(tok.pos, domainText('formula-incomplete'))
        : syntax(tok.pos, domainText('formula-operand-expected')),
    );
  };

  const root = expression();
  if (!root.ok) return root;
  const rest = peek();
  if (rest.t !== 'end') return err(syntax(rest.pos, domainText('formula-unexpected-continuation')));
  return root;
}
