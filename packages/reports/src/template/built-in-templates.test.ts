import { describe, expect, it } from 'vitest';
import {
  builtInTemplates,
  getTemplate,
  getTemplateVersion,
  PREVIOUS_BUILT_IN_TEMPLATE_JSON,
} from './built-in-templates';
import { parseTemplate } from './parse-template';

describe('earlier versions of the built-in templates', () => {
  it('each kept version validates, belongs to a built-in and is older than today’s', () => {
    expect(PREVIOUS_BUILT_IN_TEMPLATE_JSON.length).toBeGreaterThan(0);
    for (const json of PREVIOUS_BUILT_IN_TEMPLATE_JSON) {
      const parsed = parseTemplate(json);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.issues));
      const { id, version } = parsed.value;
      const today = getTemplate(id);
      expect(today, id).toBeDefined();
      expect(today?.version, id).not.toBe(version);
      expect(getTemplateVersion(id, version)?.version).toBe(version);
    }
  });

  it('finds today’s version and the UNDP template as it was before the milestone column', () => {
    for (const t of builtInTemplates) expect(getTemplateVersion(t.id, t.version)).toBe(t);
    const before = getTemplateVersion('undp-quarterly', '1.0.0');
    const now = getTemplate('undp-quarterly');
    const labels = (t: typeof before) =>
      t?.sheets.flatMap((s) =>
        s.kind === 'indicators'
          ? s.columns.flatMap((c) => (c.type === 'value' && c.label ? [c.label.fr] : []))
          : [],
      ) ?? [];
    expect(labels(before)).toContain('% de la cible annuelle');
    expect(labels(before).some((l) => l.startsWith('Jalon'))).toBe(false);
    expect(labels(now).some((l) => l.startsWith('Jalon'))).toBe(true);
    expect(getTemplateVersion('undp-quarterly', '0.9.0')).toBeUndefined();
    expect(getTemplateVersion('nobody', '1.0.0')).toBeUndefined();
  });

  it('keeps every version a built-in ever shipped: today’s id and version pairs are unique', () => {
    const pairs = [...builtInTemplates, ...PREVIOUS_BUILT_IN_TEMPLATE_JSON.map((j) => j)].map(
      (t) => {
        const parsed = parseTemplate(t);
        return parsed.ok ? `${parsed.value.id}@${parsed.value.version}` : String(t);
      },
    );
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
