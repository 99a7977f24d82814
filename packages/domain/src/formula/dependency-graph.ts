import { err, ok, type Result } from '../result';
import { notComputable, type NotComputable } from '../not-computable';
import { domainText } from '../messages/index';

/** What an indicator depends on: its code and the codes its formula refers to (empty for facts). */
export type DependencyNode = { code: string; references: readonly string[] };

/**
 * Orders indicators so that each comes after everything it refers to. A cycle is "not computable"
 * and names the loop (`a → b → a`); a reference to an unknown indicator too.
 * @example dependencyOrder([{ code: 'share', references: ['women', 'total'] }, { code: 'women', references: [] }, { code: 'total', references: [] }]) // { ok: true, value: ['women', 'total', 'share'] }
 */
export function dependencyOrder(nodes: readonly DependencyNode[]): Result<string[], NotComputable> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];

  const visit = (code: string): NotComputable | null => {
    const s = state.get(code);
    if (s === 'done') return null;
    if (s === 'visiting') {
      const loop = [...stack.slice(stack.indexOf(code)), code].join(' → ');
      return notComputable('dependency-cycle', domainText('dependency-cycle', loop), code);
    }
    const node = byCode.get(code);
    if (!node) {
      const from = stack.at(-1) ?? code;
      return notComputable('missing-reference', domainText('missing-reference', from, code), from);
    }
    state.set(code, 'visiting');
    stack.push(code);
    for (const ref of node.references) {
      const problem = visit(ref);
      if (problem) return problem;
    }
    stack.pop();
    state.set(code, 'done');
    order.push(code);
    return null;
  };

  for (const node of nodes) {
    const problem = visit(node.code);
    if (problem) return err(problem);
  }
  return ok(order);
}
