import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureModel } from '../fixture/fixture-model';
import { getTemplate } from '../template/built-in-templates';
import { statusRole } from '../template/plan-periods';
import type { ReportTemplate } from '../template/template-schema';
import { IATI_ACTIVITIES_XSD, XMLLINT, iatiValidationAvailable } from '../test-support/iati-schema';
import { renderIati } from './render-iati';
import { escapeXml } from './xml-builder';
import { must } from '@jalon/domain';

const XSD = IATI_ACTIVITIES_XSD;
const haveTools = iatiValidationAvailable(process.env);

/** Validates with xmllint against the IATI 2.03 schema; returns xmllint's complaints, or '' when valid. */
function validate(xml: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-iati-'));
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

const undp = buildFixtureModel({
  grant: 'prosmed',
  template: getTemplate('undp-quarterly') as ReportTemplate,
});
const jf = buildFixtureModel({
  grant: 'just-future',
  template: getTemplate('nl-mfa') as ReportTemplate,
});
const generic = buildFixtureModel({
  grant: 'prosmed',
  template: getTemplate('generic') as ReportTemplate,
});

describe('IATI 2.03 activity XML, rendered from the fixture model', () => {
  it.skipIf(!haveTools)('validates against the IATI 2.03 schema in every mode', () => {
    expect(validate(renderIati(undp), 'undp')).toBe('');
    expect(validate(renderIati(generic), 'generic')).toBe('');
    expect(
      validate(
        renderIati(jf, { breakdowns: 'indicator-per-breakdown', zeroMissingBaseline: true }),
        'nl',
      ),
    ).toBe('');
    expect(validate(renderIati(jf), 'jf-dimensions')).toBe('');
  });

  it.skipIf(!haveTools)(
    'drops characters XML 1.0 forbids from a comment, so the file stays valid',
    () => {
      const control = '\u0001\u0008\u000b\u001f\ufffe\ud800';
      const model = structuredClone(undp);
      const value = must(
        model.indicators
          .flatMap((i) => i.values)
          .find((v) => v.period === model.reportingPeriod && v.actual !== null),
        'model.indicators .flatMap((i) => i.values) .find((v) => v.period ==...',
      );
      value.comment = { fr: `Treize${control} sessions`, en: `Thirteen${control} sessions` };
      const xml = renderIati(model);
      expect(xml).toContain('Treize sessions');
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      expect(validate(xml, 'control')).toBe('');
      // The same text escaped without the guard is what xmllint refused.
      expect(validate(xml.replace('Treize sessions', 'Treize\u0001 sessions'), 'raw')).toMatch(
        /PCDATA invalid Char value 1|invalid/i,
      );
    },
  );

  it.skipIf(!haveTools)('is caught by the schema when broken (the check is real)', () => {
    const broken = renderIati(undp).replace(/<reporting-org[^>]*>/, '<reporting-org>');
    expect(validate(broken, 'broken')).toMatch(/ref|type/);
  });

  it('publishes identifiers, organisations, incoming funds with the funder’s activity id, and the results', () => {
    const xml = renderIati(undp);
    expect(xml).toContain('<iati-identifier>ML-DEMO-WANEP-PROSMED-CCSC</iati-identifier>');
    expect(xml).toContain('<participating-org ref="XM-DAC-41114" type="40" role="1">');
    expect(xml).toContain('provider-activity-id="XM-DAC-41114-PROJECT-00123456"');
    expect(xml).toContain('<result type="1" aggregation-status="false">');
    expect(xml).toContain('<indicator measure="1" ascending="false" aggregation-status="true">');
    expect(xml).toContain('<baseline year="2022" iso-date="2022-06-30" value="130"/>');
    // Q2 2023: "plus de 325 … dont 78 femmes et 117 jeunes", women and youth as independent marginals.
    expect(xml).toMatch(
      /<target value="300"\/>\s*<actual value="325">\s*<comment>\s*<narrative>Au moins cette valeur/,
    );
    expect(xml).toMatch(/<actual value="78">\s*<dimension name="sex" value="women"\/>/);
    expect(xml).toMatch(
      /<actual value="117">\s*<dimension name="age group" value="young people \(18–35\)"\/>/,
    );
    expect(xml).toContain('<indicator measure="2"');
  });

  it.skipIf(!haveTools)(
    'carries the organisation’s comment on a period’s figures in that period’s actual, after what its qualifier means',
    () => {
      const model = structuredClone(undp);
      const ind = must(
        model.indicators.find(
          (i) => i.unit !== 'qualitative' && i.values.some((v) => v.actual !== null),
        ),
        "model.indicators.find( (i) => i.unit !== 'qualitative' && i.values....",
      );
      for (const value of ind.values)
        value.comment = {
          fr: 'Deux comités ne se sont pas réunis (saison des pluies)',
          en: 'Two committees did not meet (rainy season)',
        };
      const xml = renderIati(model);
      expect(validate(xml, 'comment')).toBe('');
      expect(xml).toContain(
        '<narrative>Deux comités ne se sont pas réunis (saison des pluies).</narrative>',
      );
      expect(xml).toContain(
        '<narrative xml:lang="en">Two committees did not meet (rainy season).</narrative>',
      );
      // Without the comment, the same document says nothing of it.
      expect(renderIati(undp)).not.toContain('saison des pluies');
    },
  );

  it('publishes each breakdown as its own indicator for the Netherlands ministry, with numbers only', () => {
    const xml = renderIati(jf, {
      breakdowns: 'indicator-per-breakdown',
      zeroMissingBaseline: true,
    });
    expect(xml).not.toContain('<dimension');
    expect(xml).toContain('<reference vocabulary="99" code="JF-PO3.2.sex.female"/>');
    expect(xml).toMatch(
      /code="JF-PO3.2.sex.female"\/>\s*<baseline year="2021" value="0"\/>\s*<period>\s*<period-start iso-date="2023-04-01"\/>\s*<period-end iso-date="2023-06-30"\/>\s*<actual value="4"\/>/,
    );
    // The qualitative indicator carries text, never a value.
    expect(xml).toMatch(
      /<indicator measure="5"[^>]*>(?:(?!<\/indicator>)[\s\S])*<actual>\s*<comment>/,
    );
    expect(xml).not.toMatch(/<indicator measure="5"[^>]*>(?:(?!<\/indicator>)[\s\S])*value=/);
  });

  it.skipIf(!haveTools)(
    'never tags French as English: a French-only comment is a French narrative, a text stored once is one narrative',
    () => {
      const model = structuredClone(undp);
      const ind = must(
        model.indicators.find((i) => i.values.some((v) => v.actual)),
        'model.indicators.find((i) => i.values.some((v) => v.actual))',
      );
      const v =
        ind.values.find((x) => x.actual && x.period === model.reportingPeriod) ??
        must(
          ind.values.find((x) => x.actual),
          'ind.values.find((x) => x.actual)',
        );
      v.comment = { fr: 'Treize sessions tenues.', en: 'Treize sessions tenues.' };
      v.commentLanguage = { fr: 'fr', en: 'fr' };
      ind.definition = { fr: 'Sessions tenues.', en: 'Sessions tenues.' };
      const xml = renderIati(model, { periodCodes: [v.period] });
      expect(validate(xml, 'languages')).toBe('');
      expect(xml).toContain('<narrative xml:lang="fr">Treize sessions tenues.</narrative>');
      expect(xml).not.toMatch(/xml:lang="en">[^<]*(Treize sessions|Sessions tenues)/);
    },
  );

  it.skipIf(!haveTools)(
    'carries the report’s analysis as a description, in the language it was written in',
    () => {
      const none = structuredClone(undp);
      none.narrative = {};
      expect(renderIati(none)).not.toContain('<description type="4">');
      const both = structuredClone(undp);
      both.narrative = {
        summary: { fr: 'Les comités siègent.', en: 'The committees sit.' },
        summaryLanguage: { fr: 'fr', en: 'en' },
      };
      const xml = renderIati(both);
      expect(validate(xml, 'analysis')).toBe('');
      expect(xml).toMatch(
        /<description type="4">\s*<narrative>Les comités siègent\.<\/narrative>\s*<narrative xml:lang="en">The committees sit\.<\/narrative>\s*<\/description>/,
      );
      // Written only in English: one narrative, tagged English, never passed off as French.
      const english = structuredClone(undp);
      english.narrative = {
        summary: { fr: 'The committees sit.', en: 'The committees sit.' },
        summaryLanguage: { fr: 'en', en: 'en' },
      };
      expect(renderIati(english)).toMatch(
        /<description type="4">\s*<narrative xml:lang="en">The committees sit\.<\/narrative>\s*<\/description>/,
      );
      expect(validate(renderIati(english), 'analysis-en')).toBe('');
    },
  );

  it('escapes text', () => {
    expect(escapeXml('R&D <"1">')).toBe('R&amp;D &lt;&quot;1&quot;&gt;');
  });
});

describe('IATI states the status the report judges (statusRole)', () => {
  const role = statusRole(getTemplate('undp-quarterly') as ReportTemplate);
  const xml = renderIati(undp, { statusRole: role });
  const judged = must(
    undp.periods.find((p) => p.roles.includes(role)),
    'the fiscal year of the UNDP fixture',
  );

  it('publishes the period status is judged on, beside the quarters, its target saying so', () => {
    expect(role).toBe('fiscal-year');
    // Without the option, no target says what status it judges (the fault this closes).
    expect(renderIati(undp)).not.toMatch(/<target value="[^"]+">\s*<comment>/);
    expect(xml.match(/<period>/g)?.length).toBeGreaterThan(
      renderIati(undp).match(/<period>/g)?.length ?? 0,
    );
    const withTarget = undp.indicators.filter(
      (i) => i.unit !== 'qualitative' && i.values.find((v) => v.period === judged.code)?.target,
    );
    expect(withTarget.length).toBeGreaterThan(0);
    const comments = [
      ...xml.matchAll(/<target value="([^"]+)">\s*<comment>([\s\S]*?)<\/comment>/g),
    ];
    expect(comments.length).toBe(withTarget.length);
    for (const [i, indicator] of withTarget.entries()) {
      const v = must(
        indicator.values.find((x) => x.period === judged.code),
        'the judged value',
      );
      const [, value, comment] = must(comments[i], 'a judged target');
      expect(Number(value)).toBeCloseTo(must(v.target, 'target'), 6);
      expect(comment).toContain(judged.label.fr);
      expect(comment).toContain(
        {
          'on-track': 'en bonne voie',
          watch: 'à surveiller',
          'off-track': 'en retard',
          'no-data': 'pas de données',
        }[v.status],
      );
    }
  });

  it.skipIf(!haveTools)('still validates against the IATI 2.03 schema', () => {
    expect(validate(xml, 'undp-status')).toBe('');
    expect(
      validate(
        renderIati(jf, {
          breakdowns: 'indicator-per-breakdown',
          zeroMissingBaseline: true,
          statusRole: statusRole(getTemplate('nl-mfa') as ReportTemplate),
        }),
        'nl-status',
      ),
    ).toBe('');
  });
});
