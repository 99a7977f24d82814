import { describe, expect, expectTypeOf, it } from 'vitest';
import { LOCALES, type Locale } from '../localized-text';
import { domainMessages, domainSays, domainText } from './index';
import type { fr } from './fr';
import type { MessageTable, Messages } from './table';
import { frenchTypographyFaults, messageTableFaults } from '../test-support/message-table';

const NNBSP = '\u202f';

describe('the domain message table', () => {
  it('has every language with the same keys, each message said, French with U+202F', () => {
    expect(messageTableFaults(domainMessages)).toEqual([]);
  });

  it('the table check fails on a missing key, an empty message, a plain space, a missing language', () => {
    expect(
      messageTableFaults({ fr: { a: () => 'x : y', b: () => ' ' }, en: { a: () => 'x' } }),
    ).toEqual(['fr b: empty', 'en: b missing', 'fr a: a plain or no-break space before ; : ! ?']);
    expect(messageTableFaults({ fr: {} })).toEqual(['languages fr, not fr, en']);
  });

  it('writes French with U+202F inside « » and before ; : ! ?', () => {
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

  it('says the count words, the consistency and pivot sentences, each language with its own grammar', () => {
    expect(domainText('uncounted-activities', '1', 1)).toEqual({
      fr: '1 activité sans décompte',
      en: '1 activity not counted',
    });
    expect(domainText('uncounted-activities', '0', 0)).toEqual({
      fr: '0 activité sans décompte',
      en: '0 activities not counted',
    });
    expect(domainText('bounds-between', 'environ 56', '97').fr).toBe('entre environ 56 et 97');
    expect(domainText('pivot-none-assigned', 'subvention', true)).toEqual({
      fr: `Aucune subvention ne vous est attribuée${NNBSP}: il n’y a rien à compter.`,
      en: 'No subvention is assigned to you: there is nothing to count.',
    });
    expect(domainText('pivot-none-assigned', 'programme', false).fr).toBe(
      `Aucun programme ne vous est attribué${NNBSP}: il n’y a rien à compter.`,
    );
    expect(domainText('pivot-measure-not-split', 'unique people', 'sex').en).toBe(
      'Unique people cannot be split by sex.',
    );
    expect(
      domainText('lower-bound-raised', 'a (1) + b (2) = 3', '3', 'participants', 'plus de 2').fr,
    ).toBe(
      `a (1) + b (2) = 3${NNBSP}: il y a donc au moins 3 participants, et non seulement «${NNBSP}plus de 2${NNBSP}».`,
    );
    expect(LOCALES.map((l) => domainSays(l, 'and'))).toEqual(['et', 'and']);
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
