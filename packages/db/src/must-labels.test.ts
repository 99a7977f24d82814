import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * `must(value, what)` names, in a MissingValueError, the value that was missing: `what` is read
 * by a person in a log or a failed test, so it says what the value is in words (« the activity
 * just locked, read back »), never the expression that computed it (`(await findActivity(…))`,
 * `sorted[Math.min(…)]`). The import repository is its engineer's, left out until it follows.
 */

const SRC = new URL('.', import.meta.url).pathname;
const LEFT_OUT = ['repositories/import/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The last argument of each `must(` call in `text`, as written (quotes included). */
export function mustLabels(text: string): string[] {
  const labels: string[] = [];
  for (let at = text.indexOf('must('); at !== -1; at = text.indexOf('must(', at + 1)) {
    if (/[\w.]/.test(text[at - 1] ?? '')) continue;
    let depth = 0;
    let quote: string | null = null;
    let lastComma = -1;
    for (let i = at + 4; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          labels.push(
            text
              .slice(lastComma + 1, i)
              .trim()
              .replace(/,$/, ''),
          );
          break;
        }
      } else if (c === ',' && depth === 1) {
        // a trailing comma before the closing parenthesis keeps the label before it
        if (text.slice(i + 1).trimStart()[0] !== ')') lastComma = i;
      }
    }
  }
  return labels;
}

/** Whether a label reads as words: a quoted phrase, with no call, index, member access or template. */
export function readsAsWords(label: string): boolean {
  const quoted = /^'([^']*)'$/.exec(label) ?? /^"([^"]*)"$/.exec(label);
  const words = quoted?.[1];
  if (words === undefined) return false;
  return /\s/.test(words) && !/[()[\]`{}]|=>|\w\.\w/.test(words);
}

describe('must labels', () => {
  it('finds the label of a call, however its arguments are written', () => {
    expect(mustLabels("must(a.get(b), 'a.get(b)'); x.must(c, 'no')")).toEqual(["'a.get(b)'"]);
    expect(mustLabels("must(\n  rows[0],\n  'the first row',\n)")).toEqual(["'the first row'"]);
    expect(mustLabels("must(f(')'), 'the value of f')")).toEqual(["'the value of f'"]);
  });

  it('tells words from code', () => {
    expect(readsAsWords("'the activity just locked, read back'")).toBe(true);
    expect(readsAsWords("'sorted[Math.min(i, 3)]'")).toBe(false);
    expect(readsAsWords("'(await findActivity(tx, organisationId, id))'")).toBe(false);
    expect(readsAsWords("'row'")).toBe(false);
    expect(readsAsWords("'w.input.participants'")).toBe(false);
    expect(readsAsWords('label')).toBe(false);
  });

  it('names each missing value of packages/db in words a person understands', () => {
    const faults = sourceFiles(SRC)
      .map((file) => relative(SRC, file))
      .filter((file) => !LEFT_OUT.some((prefix) => file.startsWith(prefix)))
      .flatMap((file) =>
        mustLabels(readFileSync(join(SRC, file), 'utf8'))
          .filter((label) => !readsAsWords(label))
          .map((label) => `${file}: ${label}`),
      );
    expect(faults).toEqual([]);
  });
});
