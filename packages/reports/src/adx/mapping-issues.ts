import type { LocalizedText } from '@jalon/domain';
import type { z } from 'zod';
import { reportText } from '../messages';

/** The checks of the exchange mapping that name their own words (the schema's issue messages). */
export type MappingIssueKey =
  | 'mapping-attribute-name'
  | 'mapping-reserved-name'
  | 'mapping-code-spaces'
  | 'mapping-region-path'
  | 'mapping-no-category'
  | 'mapping-category-twice'
  | 'mapping-attribute-is-category'
  | 'mapping-org-unit-twice'
  | 'mapping-combo-twice'
  | 'mapping-not-uid';

const param = (issue: z.core.$ZodIssue, name: string): string => {
  const params = (issue as { params?: Record<string, unknown> }).params;
  return String(params?.[name] ?? '');
};

/**
 * One issue of `adxMappingSchema` in words, French and English: the mapping's own checks by
 * their key, zod's generic ones (a blank box, a text too long…) by their code; never zod's
 * English text.
 */
export function mappingIssueText(issue: z.core.$ZodIssue): LocalizedText {
  const list = (xs: readonly unknown[]) => xs.map((x) => String(x)).join(', ');
  switch (issue.message as MappingIssueKey) {
    case 'mapping-attribute-name':
    case 'mapping-reserved-name':
    case 'mapping-code-spaces':
    case 'mapping-region-path':
    case 'mapping-category-twice':
    case 'mapping-org-unit-twice':
    case 'mapping-combo-twice':
      return reportText(issue.message as 'mapping-code-spaces');
    case 'mapping-no-category':
      return reportText('mapping-no-category', param(issue, 'dimension'));
    case 'mapping-attribute-is-category':
      return reportText('mapping-attribute-is-category', param(issue, 'name'));
    case 'mapping-not-uid':
      return reportText('mapping-not-uid', param(issue, 'value'));
  }
  switch (issue.code) {
    case 'invalid_type':
      // zod keeps no input in its issues: what was received is only in its own message.
      return issue.input === undefined && /received (undefined|null)/.test(issue.message)
        ? reportText('mapping-required')
        : reportText('mapping-type', issue.expected);
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? reportText('mapping-required')
        : reportText('mapping-too-few', String(issue.minimum));
    case 'too_big':
      return issue.origin === 'string'
        ? reportText('mapping-too-long', String(issue.maximum))
        : reportText('mapping-too-many', String(issue.maximum));
    case 'invalid_value':
      return reportText('mapping-one-of', list(issue.values));
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues[0] ? mappingIssueText(issue.issues[0]) : reportText('mapping-shape');
    case 'unrecognized_keys':
      return reportText('mapping-unknown-keys', list(issue.keys));
    default:
      return reportText('mapping-shape');
  }
}

/**
 * Every issue of a refused mapping as one sentence per language, each naming its field by its
 * path in the mapping (`dhis2.orgUnit`, `categories.sex.options.female`).
 */
export function mappingIssuesText(issues: readonly z.core.$ZodIssue[]): LocalizedText {
  // A field says its first problem only (a blank box is blank, not also badly spaced).
  const seen = new Set<string>();
  const first = issues.filter((issue) => {
    const at = JSON.stringify(issue.path);
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
  const parts = first.map((issue) => {
    const field = issue.path.map(String).join('.') || '—';
    const text = mappingIssueText(issue);
    return {
      fr: reportText('mapping-field', field, text.fr).fr,
      en: reportText('mapping-field', field, text.en).en,
    };
  });
  return {
    fr: reportText('mapping-invalid', parts.map((p) => p.fr).join('\u202f; ')).fr,
    en: reportText('mapping-invalid', parts.map((p) => p.en).join('; ')).en,
  };
}
