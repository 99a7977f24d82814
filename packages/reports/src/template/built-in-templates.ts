import generic from './built-in/generic.json' with { type: 'json' };
import undpQuarterly from './built-in/undp-quarterly.json' with { type: 'json' };
import usaidIptt from './built-in/usaid-iptt.json' with { type: 'json' };
import euLogframe from './built-in/eu-logframe.json' with { type: 'json' };
import nlMfa from './built-in/nl-mfa.json' with { type: 'json' };
import generic100 from './built-in/history/generic@1.0.0.json' with { type: 'json' };
import undpQuarterly100 from './built-in/history/undp-quarterly@1.0.0.json' with { type: 'json' };
import euLogframe100 from './built-in/history/eu-logframe@1.0.0.json' with { type: 'json' };
import nlMfa100 from './built-in/history/nl-mfa@1.0.0.json' with { type: 'json' };
import { parseTemplate } from './parse-template';
import type { ReportTemplate } from './template-schema';

/** The raw JSON of the built-in templates, exactly as a user would upload one. */
export const BUILT_IN_TEMPLATE_JSON: readonly unknown[] = [
  generic,
  undpQuarterly,
  usaidIptt,
  euLogframe,
  nlMfa,
];

function load(json: unknown): ReportTemplate {
  const parsed = parseTemplate(json);
  // A built-in that does not validate is a bug in this package, not an expected failure.
  if (!parsed.ok)
    throw new Error(`Invalid built-in template: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.value;
}

/** The built-in templates (generic, undp-quarterly, usaid-iptt, eu-logframe, nl-mfa), validated by the same schema as users' templates. */
export const builtInTemplates: readonly ReportTemplate[] = BUILT_IN_TEMPLATE_JSON.map(load);

/**
 * A built-in template by id, or undefined.
 * @example getTemplate('usaid-iptt')?.calendar.fiscalYearStartMonth // 10
 */
export function getTemplate(id: string): ReportTemplate | undefined {
  return builtInTemplates.find((t) => t.id === id);
}

/**
 * The earlier versions of the built-in templates, kept as they were: a report submitted under one
 * is rendered again with it (the workbook of what was sent), never with the version of today.
 * Add the old JSON here whenever a built-in's version changes.
 */
export const PREVIOUS_BUILT_IN_TEMPLATE_JSON: readonly unknown[] = [
  generic100,
  undpQuarterly100,
  euLogframe100,
  nlMfa100,
];

const previousTemplates: readonly ReportTemplate[] = PREVIOUS_BUILT_IN_TEMPLATE_JSON.map(load);

/**
 * A built-in template as it was at `version` (today's or a kept earlier one), or undefined.
 * @example getTemplateVersion('undp-quarterly', '1.0.0')?.version // '1.0.0'
 */
export function getTemplateVersion(id: string, version: string): ReportTemplate | undefined {
  return [...builtInTemplates, ...previousTemplates].find(
    (t) => t.id === id && t.version === version,
  );
}

/**
 * The donor a template is made for, as a reader should see it: its name, or null for a template
 * meant for every donor (`"donor": "any"`, the generic one), never the word `any`.
 * @example templateDonor(builtInTemplates[0]) // null: the generic template, « tous les bailleurs »
 */
export function templateDonor(template: Pick<ReportTemplate, 'donor'>): string | null {
  return template.donor.trim().toLowerCase() === 'any' ? null : template.donor;
}

/**
 * A built-in template's name in `locale` from its id (a grant stores the id), or null when no
 * built-in has that id; the pages show the name, never the raw code (`undp-quarterly`).
 * @example templateName('generic') // { fr: 'Rapport générique', en: 'Generic report' } (its `name`)
 */
export function templateName(id: string): { fr: string; en: string } | null {
  const found = builtInTemplates.find((t) => t.id === id);
  return found ? { fr: found.name.fr, en: found.name.en } : null;
}
