import {
  DEFAULT_DIMENSIONS,
  STEPPED_TIME_RULES,
  dependencyOrder,
  formulaReferences,
  parseFormula,
  type DependencyNode,
  type IndicatorDefinition,
} from '@jalon/domain';
import type { z } from 'zod';
import { indicatorFieldNames } from '../errors';
import { messageText, sameText, type Message } from '../messages';
import { indicatorDefinitionSchema } from '../schemas/indicator-definition';

/** What an officer enters for an indicator, before the engine has read it. */
export interface IndicatorCandidate {
  code: string;
  title: string;
  titleEn: string;
  unit: string;
  direction: string;
  timeRule: string;
  /** The step of a `latest`, `max` or `average` indicator (null: month). */
  subPeriod: string | null;
  cumulative: boolean;
  source: Record<string, unknown>;
  dimensions: string[];
  /** Whether it reports under a results-framework node (and so has a grant start). */
  hasNode: boolean;
}

/** Another indicator of the organisation, as stored (its source may be any JSON). */
export interface StoredIndicator {
  id: string;
  code: string;
  source: Record<string, unknown>;
}

export type CheckResult =
  { ok: true; value: IndicatorDefinition } | { ok: false; message: Message };

/** The input field an issue of the engine's schema is about (`title.en` is the `titleEn` field). */
function fieldOf(path: readonly PropertyKey[]): { key: string; label: Message } {
  const parts = path.map(String);
  if (parts[0] === 'title') parts.splice(0, 2, parts[1] === 'en' ? 'titleEn' : 'title');
  const key = parts.join('.') || 'source';
  const head = indicatorFieldNames[parts[0] ?? ''];
  return { key, label: head && parts.length === 1 ? head : sameText(key) };
}

function issueText(issue: z.core.$ZodIssue): Message {
  const list = (xs: readonly unknown[]) => xs.map((x) => String(x)).join(', ');
  switch (issue.code) {
    case 'invalid_value':
      return messageText('indicator.issue.one-of', { values: list(issue.values) });
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? messageText('indicator.issue.one-of', { values: list(issue.options) })
        : messageText('indicator.issue.shape');
    case 'invalid_type':
      return issue.input === undefined
        ? messageText('indicator.issue.required')
        : messageText('indicator.issue.type', { expected: issue.expected });
    case 'too_small':
      return messageText('indicator.issue.too-small', { minimum: String(issue.minimum) });
    case 'too_big':
      return messageText('indicator.issue.too-big', { maximum: String(issue.maximum) });
    case 'unrecognized_keys':
      return messageText('indicator.issue.unknown-keys', { keys: list(issue.keys) });
    default:
      return sameText(issue.message);
  }
}

/** Whether a time rule reads its values per sub-period (`latest`, `max`, `average`). */
const isStepped = (rule: string) => (STEPPED_TIME_RULES as readonly string[]).includes(rule);

const refused = (reason: Message): CheckResult => ({
  ok: false,
  message: messageText('indicator.refused', { reason }),
});

/** The codes a stored formula refers to (none for facts, or for a formula that does not parse). */
function referencesOf(source: Record<string, unknown>): string[] {
  if (source.kind !== 'formula' || typeof source.expression !== 'string') return [];
  const parsed = parseFormula(source.expression);
  return parsed.ok ? formulaReferences(parsed.value) : [];
}

/**
 * Reads an indicator as the engine will (every stored indicator must parse in `toDefinition`,
 * or every report breaks), then holds it to what only the organisation's data can tell: known
 * dimensions, a `ratio` only over values entered with their numerator and denominator, a grant
 * start for a cumulative indicator, and a formula that parses, names existing indicators and
 * does not loop back to itself through them. `selfId` is the indicator being corrected.
 */
export function checkIndicatorDefinition(
  candidate: IndicatorCandidate,
  others: readonly StoredIndicator[],
  selfId: string | null,
): CheckResult {
  const parsed = indicatorDefinitionSchema.safeParse({
    code: candidate.code,
    title: { fr: candidate.title, en: candidate.titleEn },
    unit: candidate.unit,
    direction: candidate.direction,
    source: candidate.source,
    timeRule: candidate.timeRule,
    subPeriod: candidate.subPeriod ?? undefined,
    cumulative: candidate.cumulative,
    dimensions: candidate.dimensions,
  });
  if (!parsed.success) {
    const parts = parsed.error.issues.map((issue) =>
      messageText('indicator.field-issue', { ...fieldOf(issue.path), issue: issueText(issue) }),
    );
    return refused(messageText('indicator.invalid-fields', { parts }));
  }
  const definition = parsed.data;
  const source = definition.source;
  // Codes are written in formulas (`{CODE}`), exports and file names.
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u.test(definition.code))
    return refused(messageText('indicator.code-characters', { code: definition.code }));

  const known = new Map(DEFAULT_DIMENSIONS.map((d) => [d.code, d]));
  const knownList = [...known.keys()].join(', ');
  const unknownDims = candidate.dimensions.filter((d) => !known.has(d));
  if (unknownDims.length)
    return refused(
      messageText('indicator.unknown-dimensions', {
        dimensions: unknownDims.join(', '),
        known: knownList,
      }),
    );
  if (new Set(candidate.dimensions).size < candidate.dimensions.length)
    return refused(messageText('indicator.dimension-twice'));
  if (source.kind === 'participation')
    for (const [dim, category] of Object.entries(source.where ?? {})) {
      const d = known.get(dim);
      if (!d)
        return refused(
          messageText('indicator.unknown-source-dimension', { dimension: dim, known: knownList }),
        );
      if (!d.categories.some((c) => c.code === category))
        return refused(
          messageText('indicator.unknown-category', {
            category,
            dimension: dim,
            known: d.categories.map((c) => c.code).join(', '),
          }),
        );
    }

  if (definition.timeRule === 'ratio' && source.kind !== 'manual')
    return refused(messageText('indicator.ratio-manual'));
  if (definition.subPeriod !== undefined) {
    const step = definition.subPeriod;
    if (!isStepped(definition.timeRule))
      return refused(messageText('indicator.sub-period-rule', { step, rule: definition.timeRule }));
    if (source.kind === 'manual' || source.kind === 'assessment')
      return refused(messageText('indicator.sub-period-source', { step }));
    // The steps follow the calendar: a "fiscal year" step would silently be the calendar year.
    if (step === 'fiscal-year') return refused(messageText('indicator.sub-period-fiscal-year'));
  }
  if (definition.cumulative && !candidate.hasNode)
    return refused(messageText('indicator.cumulative-node'));

  if (source.kind === 'formula') {
    const refusal = formulaRefusal(definition.code, source.expression, others, selfId);
    if (refusal) return refusal;
  }
  return { ok: true, value: definition };
}

/**
 * Why the formula of the indicator `code` cannot be stored, or null: it does not parse, it names
 * an indicator the organisation does not have, or its references loop back to it.
 */
function formulaRefusal(
  code: string,
  expression: string,
  others: readonly StoredIndicator[],
  selfId: string | null,
): CheckResult | null {
  const formula = parseFormula(expression);
  if (!formula.ok)
    return refused(messageText('indicator.formula-unreadable', { error: formula.error.message }));
  const references = formulaReferences(formula.value);
  const stored = others.filter((o) => o.id !== selfId);
  const codes = new Set(stored.map((o) => o.code));
  const missing = references.filter((r) => r !== code && !codes.has(r));
  if (missing.length) return refused(messageText('indicator.formula-unknown', { codes: missing }));
  // Depth-first over the formulas reachable from this one, with this one as it would be stored;
  // an indicator the graph does not know is a leaf here (it is not this indicator's concern).
  const graph = new Map<string, DependencyNode>(
    stored.map((o) => [o.code, { code: o.code, references: referencesOf(o.source) }]),
  );
  graph.set(code, { code, references });
  const reachable: DependencyNode[] = [];
  const seen = new Set<string>();
  const walk = (next: string) => {
    if (seen.has(next)) return;
    seen.add(next);
    const node = graph.get(next) ?? { code: next, references: [] };
    reachable.push(node);
    node.references.forEach(walk);
  };
  walk(code);
  const order = dependencyOrder(reachable);
  if (!order.ok)
    return refused(messageText('indicator.formula-cycle', { error: order.error.message }));
  return null;
}

/** The parts of a definition that say what an indicator's values mean. */
export interface DefinitionMeaning {
  unit: string;
  direction: string;
  timeRule: string;
  subPeriod: string | null;
  cumulative: boolean;
  /** how achievement is measured, when chosen (null: the template's rule and the direction) */
  achievementRule?: string | null;
  source: Record<string, unknown>;
  dimensions: readonly string[];
}

/**
 * JSON in a form where the same meaning reads the same: keys in order, lists of codes as sets
 * (filters, dimensions), and empty lists or objects dropped (an empty filter matches all, like none).
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((x) => typeof x === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const c = canonical((value as Record<string, unknown>)[key]);
      const empty =
        c === undefined ||
        c === null ||
        (Array.isArray(c) && c.length === 0) ||
        (typeof c === 'object' && !Array.isArray(c) && Object.keys(c as object).length === 0);
      if (!empty) out[key] = c;
    }
    return out;
  }
  return value;
}

/**
 * Which parts of an indicator's definition a correction changes (`[]`: only titles, description or
 * the like): a report already submitted counted with the stored definition.
 * @example changedDefinition(stored, { ...stored, timeRule: 'max' }) // ['timeRule']
 */
export function changedDefinition(before: DefinitionMeaning, after: DefinitionMeaning): string[] {
  const same = (a: unknown, b: unknown) =>
    JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  // Steps mean something only under a stepped rule (a change of rule is named as such), and no
  // sub-period reads as the engine's default, month.
  const step = (m: DefinitionMeaning) => (isStepped(m.timeRule) ? (m.subPeriod ?? 'month') : null);
  const steppedBoth = isStepped(before.timeRule) && isStepped(after.timeRule);
  const fields = [
    'source',
    'timeRule',
    'subPeriod',
    'cumulative',
    'dimensions',
    'unit',
    'direction',
    'achievementRule',
  ] as const;
  return fields.filter((k) =>
    k === 'subPeriod' ? steppedBoth && step(before) !== step(after) : !same(before[k], after[k]),
  );
}
