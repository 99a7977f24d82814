import { LOCALES } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { dbMessages, dbText, refused } from './index';

const NNBSP = '\u202f';

/** Each message said with sample parameters of the right kinds. */
const samples: { [K in keyof typeof dbMessages.fr]: Parameters<(typeof dbMessages.fr)[K]> } = {
  'named-beyond-total': [3, 5],
  'validated-activity-not-deleted': [],
  'attendance-outside-activity': [0, '2023-05-02', '2023-04-01', '2023-04-03'],
  'attendance-beyond-total': [5, 3],
  'attendance-unknown-person': [1, 'p1'],
  'attendance-person-twice': [2, 0],
  'last-admin': [],
  'place-country-is-root': [],
  'place-parent-missing': ['commune'],
  'place-wrong-parent': ['commune', ['cercle'], 'region', 'Mopti'],
  'place-under-itself': ['Bandiagara', 'ml/mopti/bandiagara', 'Mopti', 'ml/mopti'],
  'place-path-taken': ['ml/mopti', 'Mopti', 'ml/mopti'],
  'result-node-wrong-parent': ['output', 'outcome', 'impact', 'I1'],
  'impact-has-no-parent': [],
  'result-node-parent-missing': ['output', 'outcome'],
};

function said(locale: (typeof LOCALES)[number]): [string, string][] {
  return Object.entries(samples).map(([key, args]) => [
    key,
    (dbMessages[locale][key as keyof typeof samples] as (...a: unknown[]) => string)(...args),
  ]);
}

function frenchTypographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/«(?!\u202f)/.test(text)) faults.push('« without U+202F after it');
  if (/(?<!\u202f)»/.test(text)) faults.push('» without U+202F before it');
  if (/[ \u00a0][;:!?]/.test(text)) faults.push('a plain or no-break space before ; : ! ?');
  return faults;
}

describe('the db message table', () => {
  it('has every interface language, each with the same keys, every key sampled', () => {
    expect(Object.keys(dbMessages).sort()).toEqual([...LOCALES].sort());
    const keys = Object.keys(samples).sort();
    for (const l of LOCALES) expect(Object.keys(dbMessages[l]).sort()).toEqual(keys);
  });

  it('says every message in every language as a sentence', () => {
    for (const l of LOCALES)
      for (const [key, text] of said(l)) expect(text, `${l} ${key}`).toMatch(/^\S.*[.:\w]$/);
  });

  it('writes French with U+202F inside « » and before ; : ! ?', () => {
    const faults = said('fr').flatMap(([key, text]) =>
      frenchTypographyFaults(text).map((f) => `${key}: ${f}`),
    );
    expect(faults).toEqual([]);
    expect(frenchTypographyFaults('ligne 1 : personne inconnue')).toHaveLength(1);
  });

  it('names levels with their article, capitalised at the start', () => {
    expect(dbText('place-wrong-parent', 'commune', ['cercle'], 'region', 'Mopti')).toEqual({
      fr: 'Une commune se range sous un cercle, pas sous une région (Mopti).',
      en: 'A commune belongs under a cercle, not under a region (Mopti).',
    });
    expect(dbText('attendance-person-twice', 2, 0).fr).toBe(
      `ligne 3${NNBSP}: cette personne figure déjà à la ligne 1.`,
    );
  });

  it('answers a refusal as an invalid command failure', () => {
    expect(refused('last-admin')).toEqual({
      ok: false,
      error: { kind: 'invalid', message: dbText('last-admin') },
    });
  });
});
