import type { z } from 'zod';

/** A validation problem: where (`sheets[2].columns[0].measure`) and what. */
export type FieldIssue = { path: string; message: string };

/**
 * Renders a zod path as the dotted/bracketed path a person types: `sheets[2].columns[0]`.
 * @example formatPath(['sheets', 2, 'kind']) // 'sheets[2].kind'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turns zod issues into field issues, one per problem.
 * @example formatIssues(result.error.issues)[0] // { path: 'id', message: 'Invalid string: must match pattern …' }
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}
