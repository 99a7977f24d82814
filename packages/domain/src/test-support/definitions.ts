import type { IndicatorDefinition, IndicatorSource, TimeRule } from '../indicator/definition';

/** A definition with sensible defaults, for tests. */
export function indicator(
  code: string,
  source: IndicatorSource,
  more: Partial<IndicatorDefinition> & { timeRule?: TimeRule } = {},
): IndicatorDefinition {
  return {
    code,
    title: { fr: code, en: code },
    unit: 'number',
    direction: 'higher-is-better',
    source,
    timeRule: 'sum',
    cumulative: false,
    ...more,
  };
}
