import { describe, expect, it } from 'vitest';
import type { Locale } from '../context';
import {
  catalogues,
  locales,
  message,
  messageText,
  typographyFaults,
  type Catalogue,
  type Message,
  type MessageKey,
} from './index';

type Entry = Catalogue[MessageKey];
type Params = Parameters<Extract<Entry, (params: never) => string>>[0];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

const noun = (fr: string, en: string): Message => ({ fr, en });

/**
 * One value for every parameter any message takes (the type fails when a message gains a
 * parameter missing here, or two messages give one name two types).
 */
const sample: Intersection<Params> = {
  entity: noun('activité', 'activity'),
  the: noun('cette activité', 'this activity'),
  what: noun('le code', 'code'),
  lookAlike: noun('même type', 'the same type'),
  label: noun('intitulé', 'title'),
  issue: noun('obligatoire', 'required'),
  reason: noun('champ invalide', 'invalid field'),
  error: noun('parenthèse manquante', 'missing parenthesis'),
  entry: noun('la saisie des activités', 'activity entry'),
  fields: [noun('unité', 'unit'), noun('sens', 'direction')],
  parts: [noun('«\u202fcode\u202f» — obligatoire', '"code" — required')],
  version: 4,
  kind: 'activities',
  count: 3,
  line: 2,
  min: 12,
  max: 256,
  grant: 'PROSMED-CCSC',
  period: '2023-Q2',
  periods: ['2023-Q1', '2023-Q2'],
  start: '2023-01-01',
  end: '2025-12-31',
  value: 'ACT-001',
  ids: ['a1', 'b2'],
  uses: ['3 x', '1 y'],
  issues: ['code: requis', 'title: requis'],
  path: 'title',
  codePoint: 'U+0007',
  records: 'ACT-001, ACT-002',
  date: '2031-01-01',
  today: '2026-12-04',
  key: 'unit',
  values: 'number, percent',
  expected: 'string',
  minimum: '3',
  maximum: '300',
  keys: 'colour',
  code: 'WOMEN/TOTAL',
  dimensions: 'colour',
  known: 'sex, age',
  cell: 'age=youth;sex=female',
  indicator: 'CCSC-3D',
  dimension: 'sex',
  category: 'other',
  step: 'month',
  rule: 'sum',
  codes: ['WOMEN', 'MEN'],
  ranges: '4–6',
  lines: ['ligne 4\u202f: code vide'],
  detail: 'trop long',
  why: 'erreur de saisie',
  text: 'valeur manquante',
  more: '',
  id: 'undp-quarterly',
  organisation: 'ORG',
  status: 'soumise',
  from: 'en brouillon',
  move: 'validée',
  details: 'sections: requis',
  problems: ['ligne 1\u202f: code vide'],
};

const keys = Object.keys(catalogues.fr) as MessageKey[];
const say = (key: MessageKey, locale: Locale): string =>
  (message as (key: MessageKey, locale: Locale, params: unknown) => string)(key, locale, sample);

describe('the message tables', () => {
  it('have the same keys in every language, each a text or a function in all of them', () => {
    expect(locales).toEqual(['fr', 'en']);
    for (const locale of locales) {
      expect(Object.keys(catalogues[locale]).sort()).toEqual([...keys].sort());
      for (const key of keys)
        expect(typeof catalogues[locale][key], `${locale} ${key}`).toBe(typeof catalogues.fr[key]);
    }
  });

  it('say every key, in every language, as a non-empty text with its parameters filled in', () => {
    for (const locale of locales)
      for (const key of keys) {
        const text = say(key, locale);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|\[object |NaN/);
      }
  });

  it('write French with a narrow no-break space inside « » and before ; : ! ?', () => {
    const faults = keys.flatMap((key) =>
      typographyFaults(say(key, 'fr')).map((spot) => `${key}: ${spot}`),
    );
    expect(faults).toEqual([]);
    // The check finds what it is meant to find.
    expect(typographyFaults('Rien n’a été modifié : rechargez « ceci ».')).toHaveLength(3);
  });

  it('look a key up in one language or in all of them', () => {
    expect(message('entity.grant', 'fr')).toBe('subvention');
    expect(message('error.not-found', 'en', { entity: messageText('entity.grant') })).toBe(
      'Grant not found.',
    );
    expect(messageText('used-by.activity', { count: 1 })).toEqual({
      fr: '1 activité',
      en: '1 activity',
    });
  });
});
