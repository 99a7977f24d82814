import { describe, expect, expectTypeOf, it } from 'vitest';
import { LOCALES, type Locale } from '../localized-text';
import { domainMessages, domainText } from './index';
import type { fr } from './fr';
import type { Message, MessageTable, Messages } from './table';

const NNBSP = '\u202f';

/** Each message said with placeholder parameters (a message is a function of its parameters). */
function said(table: Record<string, Message>): [string, string][] {
  return Object.entries(table).map(([key, m]) => [
    key,
    m(...Array.from({ length: m.length }, (_, i) => `p${i + 1}`)),
  ]);
}

/** The French typography rule: U+202F inside « » and before ; : ! ?, never a plain or no-break space. */
function frenchTypographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/«(?!\u202f)/.test(text)) faults.push('« without U+202F after it');
  if (/(?<!\u202f)»/.test(text)) faults.push('» without U+202F before it');
  if (/[ \u00a0][;:!?]/.test(text)) faults.push('a plain or no-break space before ; : ! ?');
  return faults;
}

describe('the domain message table', () => {
  it('has every interface language, each with the same keys', () => {
    expect(Object.keys(domainMessages).sort()).toEqual([...LOCALES].sort());
    const keys = Object.keys(domainMessages.fr).sort();
    for (const l of LOCALES) expect(Object.keys(domainMessages[l]).sort()).toEqual(keys);
  });

  it('says every message, in every language, as non-empty text', () => {
    for (const l of LOCALES)
      for (const [key, text] of said(domainMessages[l]))
        expect(text.trim(), `${l} ${key}`).not.toBe('');
  });

  it('writes French with U+202F inside « » and before ; : ! ?', () => {
    const faults = said(domainMessages.fr).flatMap(([key, text]) =>
      frenchTypographyFaults(text).map((f) => `${key}: ${f}`),
    );
    expect(faults).toEqual([]);
    expect(domainText('unknown-dimension', 'x').fr).toBe(
      `Ventilation inconnue${NNBSP}: «${NNBSP}x${NNBSP}»`,
    );
  });

  it('the typography check fails on a plain space', () => {
    expect(frenchTypographyFaults('Ventilation inconnue : « x »')).toHaveLength(3);
  });

  it('gives each language its own text with the same parameters', () => {
    expect(domainText('invalid-score', 'C1', 7, 1, 5)).toEqual({
      fr: `Note hors échelle pour «${NNBSP}C1${NNBSP}»${NNBSP}: 7 (de 1 à 5)`,
      en: 'Score out of scale for "C1": 7 (1 to 5)',
    });
  });

  it('fails the type check when a language or a key is missing, or a parameter differs', () => {
    expectTypeOf(domainMessages).toEqualTypeOf<Messages<typeof fr>>();
    expectTypeOf<keyof Messages<typeof fr>>().toEqualTypeOf<Locale>();
    // @ts-expect-error -- English missing
    const noEnglish: Messages<typeof fr> = { fr: domainMessages.fr };
    // @ts-expect-error -- a key missing from a table
    const missingKey: MessageTable<typeof fr> = { 'no-data': () => 'No data' };
    const wrongParameter: MessageTable<{ m: (n: number) => string }> = {
      // @ts-expect-error -- a parameter of another type than the reference table's
      m: (s: boolean) => String(s),
    };
    expect([noEnglish, missingKey, wrongParameter]).toHaveLength(3);
  });
});
