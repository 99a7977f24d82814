import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TEMPLATE_JSON,
  builtInTemplates,
  getTemplate,
  templateDonor,
  templateName,
} from './built-in-templates';
import { parseTemplate } from './parse-template';
import { reportTemplateSchema } from './template-schema';
import { must } from '@jalon/domain';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('templates', () => {
  it('validates every built-in with the schema users’ templates go through', () => {
    for (const json of BUILT_IN_TEMPLATE_JSON)
      expect(reportTemplateSchema.safeParse(json).success).toBe(true);
    expect(builtInTemplates.map((t) => t.id)).toEqual([
      'generic',
      'undp-quarterly',
      'usaid-iptt',
      'eu-logframe',
      'nl-mfa',
    ]);
  });

  it('finds a built-in by id', () => {
    expect(getTemplate('usaid-iptt')?.calendar.fiscalYearStartMonth).toBe(10);
    expect(getTemplate('eu-logframe')?.achievement.rule).toBe('progress-from-baseline');
    expect(getTemplate('nl-mfa')?.breakdowns.shape).toBe('indicator-per-breakdown');
    expect(getTemplate('nope')).toBeUndefined();
  });

  it('refuses a template with messages that point at the field', () => {
    const bad = clone(BUILT_IN_TEMPLATE_JSON[0]) as Record<string, unknown> & {
      sheets: Record<string, unknown>[];
    };
    bad.id = 'Not Kebab';
    bad.calendar = { fiscalYearStartMonth: 13 };
    (bad.sheets[1] as { columns: unknown[] }).columns.push({
      type: 'value',
      measure: 'target',
      period: 'fiscal-year',
    });
    (bad.sheets[2] as { kind: string }).kind = 'pie-chart';
    const result = parseTemplate(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((i) => i.path);
    expect(paths).toContain('id');
    expect(paths).toContain('calendar.fiscalYearStartMonth');
    expect(paths).toContain('sheets[2].kind');
  });

  it('reports cross-field mistakes at the field that breaks them', () => {
    const bad = clone(BUILT_IN_TEMPLATE_JSON[0]) as {
      sheets: { columns?: unknown[] }[];
      achievement: { scale: { bands: { min?: number; max?: number; status: string }[] } };
    };
    bad.sheets[1]?.columns?.push({ type: 'value', measure: 'target', period: 'fiscal-year' });
    bad.achievement.scale.bands[0] = { min: 2, max: 1, status: 'on-track' };
    const result = parseTemplate(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toContainEqual({
      path: 'sheets[1].columns[12].period',
      message: 'period "fiscal-year" is not in periods.include',
    });
    expect(result.error.issues.map((i) => i.path)).toContain('achievement.scale.bands[0].max');
  });

  it('accepts JSON text and refuses text that is not JSON', () => {
    expect(parseTemplate(JSON.stringify(BUILT_IN_TEMPLATE_JSON[1])).ok).toBe(true);
    const r = parseTemplate('{ not json');
    expect(r.ok ? null : r.error.code).toBe('invalid-json');
  });
});

describe('a template as a reader sees it', () => {
  it('names the donor, or none for a template meant for every donor (never « any »)', () => {
    expect(
      templateDonor(must(getTemplate('undp-quarterly'), "getTemplate('undp-quarterly')")),
    ).toBe('UNDP');
    expect(templateDonor(must(getTemplate('generic'), "getTemplate('generic')"))).toBeNull();
    expect(templateDonor({ donor: ' Any ' })).toBeNull();
    for (const t of builtInTemplates) expect(templateDonor(t) ?? '').not.toMatch(/^any$/i);
  });

  it('gives a built-in’s name from the id a grant stores, null for an unknown id', () => {
    expect(templateName('generic')).toEqual({ fr: 'Rapport générique', en: 'Generic report' });
    expect(templateName('undp-quarterly')).toEqual(
      must(getTemplate('undp-quarterly'), "getTemplate('undp-quarterly')").name,
    );
    expect(templateName('pas-un-modele')).toBeNull();
  });
});
