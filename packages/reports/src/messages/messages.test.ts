import { LOCALES } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { reportMessages, reportSays, reportText } from './index';

function said(locale: (typeof LOCALES)[number]): [string, string][] {
  return Object.entries(reportMessages[locale]).map(([key, m]) => [
    key,
    (m as (...a: string[]) => string)(...Array.from({ length: m.length }, (_, i) => `p${i + 1}`)),
  ]);
}

function frenchTypographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/«(?!\u202f)/.test(text)) faults.push('« without U+202F after it');
  if (/(?<!\u202f)»/.test(text)) faults.push('» without U+202F before it');
  if (/[ \u00a0][;:!?]/.test(text)) faults.push('a plain or no-break space before ; : ! ?');
  return faults;
}

describe('the reports message table', () => {
  it('has every interface language, each with the same keys', () => {
    expect(Object.keys(reportMessages).sort()).toEqual([...LOCALES].sort());
    const keys = Object.keys(reportMessages.fr).sort();
    for (const l of LOCALES) expect(Object.keys(reportMessages[l]).sort()).toEqual(keys);
  });

  it('says every message in every language as non-empty text', () => {
    for (const l of LOCALES)
      for (const [key, text] of said(l)) expect(text.trim(), `${l} ${key}`).not.toBe('');
  });

  it('writes French with U+202F inside « » and before ; : ! ?', () => {
    const faults = said('fr').flatMap(([key, text]) =>
      frenchTypographyFaults(text).map((f) => `${key}: ${f}`),
    );
    expect(faults).toEqual([]);
    expect(frenchTypographyFaults('En graphiques : x')).toHaveLength(1);
  });

  it('says a message in one language or in all', () => {
    expect(reportSays('fr', 'list-and', 'a, b', 'c')).toBe('a, b et c');
    expect(reportText('iati-funded-by', 'Projet', 'USAID')).toEqual({
      fr: 'Projet — financé par USAID.',
      en: 'Projet — funded by USAID.',
    });
  });
});
