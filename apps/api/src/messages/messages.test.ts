import { typographyFaults, type Locale } from '@jalon/api';
import { describe, expect, it } from 'vitest';
import {
  catalogues,
  locales,
  message,
  messageText,
  type Catalogue,
  type MessageKey,
} from './index';

type Params = Parameters<Extract<Catalogue[MessageKey], (params: never) => string>>[0];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** One value for every parameter any message takes (the type fails when one is missing here). */
const sample: Intersection<Params> = {
  limit: 1_572_864,
  max: 50_000,
  got: 60,
  total: 60_123,
  lines: '«\u202fgrant\u202f» manque',
  name: 'grant',
  what: 'le code de la subvention (PROSMED-CCSC)',
  id: 'undp-quarterly',
  version: '2',
  kinds: 'activities, targets',
  templates: 'activities.xlsx, activities.csv',
  megabytes: 1.5,
  field: 'format',
  text: 'valeur attendue',
};

const keys = Object.keys(catalogues.fr) as MessageKey[];
const say = (key: MessageKey, locale: Locale): string =>
  (message as (key: MessageKey, locale: Locale, params: unknown) => string)(key, locale, sample);

describe('the HTTP edge’s message tables', () => {
  it('have the same keys in every language, each a non-empty text in all of them', () => {
    for (const locale of locales) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        expect(typeof catalogues[locale][key], `${locale} ${key}`).toBe(typeof catalogues.fr[key]);
        expect(say(key, locale).trim(), `${locale} ${key}`).not.toBe('');
        expect(say(key, locale), `${locale} ${key}`).not.toMatch(/undefined|\[object |NaN/);
      }
    }
  });

  it('write French with a narrow no-break space inside « » and before ; : ! ?', () => {
    expect(
      keys.flatMap((key) => typographyFaults(say(key, 'fr')).map((s) => `${key}: ${s}`)),
    ).toEqual([]);
  });

  it('say sizes and counts in the reader’s own units', () => {
    expect(messageText('edge.too-large', { limit: 1_572_864 })).toEqual({
      fr: 'Requête trop volumineuse\u202f: 1,5 Mo au plus pour cette adresse.',
      en: 'Request too large: at most 1.5 MB for this address.',
    });
    expect(message('edge.too-large', 'en', { limit: 512 * 1024 })).toBe(
      'Request too large: at most 512 KB for this address.',
    );
  });
});
