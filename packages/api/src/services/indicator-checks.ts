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
import { indicatorFieldNames, type Message } from '../errors';
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
  return { key, label: head && parts.length === 1 ? head : { fr: key, en: key } };
}

function issueText(issue: z.core.$ZodIssue): Message {
  const list = (xs: readonly unknown[]) => xs.map((x) => String(x)).join(', ');
  switch (issue.code) {
    case 'invalid_value':
      return {
        fr: `valeurs possibles : ${list(issue.values)}`,
        en: `expected one of: ${list(issue.values)}`,
      };
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? {
            fr: `valeurs possibles : ${list(issue.options)}`,
            en: `expected one of: ${list(issue.options)}`,
          }
        : { fr: 'forme inattendue', en: 'unexpected shape' };
    case 'invalid_type':
      return issue.input === undefined
        ? { fr: 'obligatoire', en: 'required' }
        : { fr: `type attendu : ${issue.expected}`, en: `expected ${issue.expected}` };
    case 'too_small':
      return {
        fr: `au moins ${String(issue.minimum)} caractère(s) ou élément(s)`,
        en: `at least ${String(issue.minimum)} character(s) or item(s)`,
      };
    case 'too_big':
      return {
        fr: `au plus ${String(issue.maximum)} caractères ou éléments`,
        en: `at most ${String(issue.maximum)} characters or items`,
      };
    case 'unrecognized_keys':
      return {
        fr: `champ(s) inconnu(s) : ${list(issue.keys)}`,
        en: `unknown field(s): ${list(issue.keys)}`,
      };
    default:
      return { fr: issue.message, en: issue.message };
  }
}

/** Whether a time rule reads its values per sub-period (`latest`, `max`, `average`). */
const isStepped = (rule: string) => (STEPPED_TIME_RULES as readonly string[]).includes(rule);

const refused = (fr: string, en: string): CheckResult => ({
  ok: false,
  message: { fr: `Indicateur refusé : ${fr}`, en: `Indicator refused: ${en}` },
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
    const parts = parsed.error.issues.map((issue) => {
      const { key, label } = fieldOf(issue.path);
      const text = issueText(issue);
      const named = (l: string, quote: (x: string) => string) =>
        l === key ? quote(key) : `${quote(l)} (${key})`;
      return {
        fr: `${named(label.fr, (x) => `« ${x} »`)} — ${text.fr}`,
        en: `${named(label.en, (x) => `"${x}"`)} — ${text.en}`,
      };
    });
    return refused(
      `champ invalide : ${parts.map((p) => p.fr).join(' ; ')}.`,
      `invalid field: ${parts.map((p) => p.en).join('; ')}.`,
    );
  }
  const definition = parsed.data;
  const source = definition.source;
  // Codes are written in formulas (`{CODE}`), exports and file names.
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u.test(definition.code))
    return refused(
      `le code « ${definition.code} » ne prend que des lettres, chiffres, points, tirets et barres obliques, sans espace.`,
      `code "${definition.code}" takes only letters, digits, dots, dashes and slashes, no spaces.`,
    );

  const known = new Map(DEFAULT_DIMENSIONS.map((d) => [d.code, d]));
  const knownList = [...known.keys()].join(', ');
  const unknownDims = candidate.dimensions.filter((d) => !known.has(d));
  if (unknownDims.length)
    return refused(
      `ventilation(s) inconnue(s) : ${unknownDims.join(', ')} (possibles : ${knownList}).`,
      `unknown dimension(s): ${unknownDims.join(', ')} (known: ${knownList}).`,
    );
  if (new Set(candidate.dimensions).size < candidate.dimensions.length)
    return refused('une ventilation est donnée deux fois.', 'a dimension is given twice.');
  if (source.kind === 'participation')
    for (const [dim, category] of Object.entries(source.where ?? {})) {
      const d = known.get(dim);
      if (!d)
        return refused(
          `la source ne retient que certains participants par une ventilation inconnue « ${dim} » (possibles : ${knownList}).`,
          `the source keeps participants by an unknown dimension "${dim}" (known: ${knownList}).`,
        );
      if (!d.categories.some((c) => c.code === category))
        return refused(
          `« ${category} » n’est pas une catégorie de « ${dim} » (possibles : ${d.categories.map((c) => c.code).join(', ')}).`,
          `"${category}" is not a category of "${dim}" (known: ${d.categories.map((c) => c.code).join(', ')}).`,
        );
    }

  if (definition.timeRule === 'ratio' && source.kind !== 'manual')
    return refused(
      'la règle « ratio » ne vaut que pour une saisie manuelle (numérateur et dénominateur saisis par période) ; une part calculée s’écrit en formule, par exemple « {FEMMES} / {TOTAL} * 100 ».',
      'the "ratio" time rule only applies to manual entry (numerator and denominator entered per period); a computed share is a formula, e.g. "{WOMEN} / {TOTAL} * 100".',
    );
  if (definition.subPeriod !== undefined) {
    const step = definition.subPeriod;
    if (!isStepped(definition.timeRule))
      return refused(
        `la sous-période « ${step} » ne vaut que pour les règles de temps « latest », « max » et « average » (une valeur lue par sous-période, puis combinée) ; avec la règle « ${definition.timeRule} », retirez-la (subPeriod).`,
        `sub-period "${step}" only applies to the "latest", "max" and "average" time rules (a value read per sub-period, then combined); with the "${definition.timeRule}" time rule, leave it out (subPeriod).`,
      );
    if (source.kind === 'manual' || source.kind === 'assessment')
      return refused(
        `la sous-période « ${step} » ne vaut que pour un indicateur calculé sur des faits ou une formule ; une saisie manuelle ou un score d’évaluation est déjà une série de valeurs par période : retirez-la (subPeriod).`,
        `sub-period "${step}" only applies to an indicator computed from facts or a formula; manual entry and assessment scores are already series of values per period: leave it out (subPeriod).`,
      );
    // The steps follow the calendar: a "fiscal year" step would silently be the calendar year.
    if (step === 'fiscal-year')
      return refused(
        'la sous-période « fiscal-year » n’est pas prise en charge : les sous-périodes suivent le calendrier civil (possibles : year, semester, quarter, month, week).',
        'sub-period "fiscal-year" is not supported: sub-periods follow the calendar (possible: year, semester, quarter, month, week).',
      );
  }
  if (definition.cumulative && !candidate.hasNode)
    return refused(
      'un indicateur cumulatif se calcule depuis le début de sa subvention : rattachez-le à un élément du cadre de résultats (nodeId).',
      'a cumulative indicator is computed from its grant’s start: attach it to a results-framework node (nodeId).',
    );

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
    return refused(
      `la formule ne se lit pas : ${formula.error.message.fr}.`,
      `the formula cannot be read: ${formula.error.message.en}.`,
    );
  const references = formulaReferences(formula.value);
  const stored = others.filter((o) => o.id !== selfId);
  const codes = new Set(stored.map((o) => o.code));
  const missing = references.filter((r) => r !== code && !codes.has(r));
  if (missing.length)
    return refused(
      `la formule utilise ${missing.map((m) => `« ${m} »`).join(', ')}, inconnu(s) dans l’organisation.`,
      `the formula uses ${missing.map((m) => `"${m}"`).join(', ')}, unknown in the organisation.`,
    );
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
  if (!order.ok) return refused(`${order.error.message.fr}.`, `${order.error.message.en}.`);
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
