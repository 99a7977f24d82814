import { m } from '$lib/paraglide/messages';

/**
 * What a grant's statuses are judged against, in words: the report's status period and which of its
 * targets — the life of the grant's end target, the milestone to date of a period cut at the
 * report's end (UNDP's year to 30 June), or the period's own.
 * @example statusRuleText({ role: 'fiscal-year', asOf: '2023-06-30', label }, 'PNUD…', 'fr') // '… contre le jalon à date …'
 */
export function statusRuleText(
  period: { role: string; asOf: string | null; label: { fr: string; en: string } },
  template: string,
  locale: 'fr' | 'en',
): string {
  const args = { template, period: period.label[locale] };
  if (period.role === 'life-of-grant') return m.indicators_status_rule_life(args, { locale });
  if (period.asOf) return m.indicators_status_rule_to_date(args, { locale });
  return m.indicators_status_rule(args, { locale });
}
