import { LOCALES } from '@jalon/domain';
import {
  frenchTypographyFaults,
  messageTableFaults,
  said,
} from '@jalon/domain/test-support/messages';
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
  'move-under-submitted-report': [['2023-Q2'], 'PROSMED-CCSC', ['CCSC-SESSIONS'], 'O1', null],
  'password-account-of-another-network': [],
};

function saidIn(locale: (typeof LOCALES)[number]): [string, string][] {
  return said(dbMessages[locale], samples);
}

describe('the db message table', () => {
  it('has every language with every key sampled, each message said, French with U+202F', () => {
    expect(messageTableFaults(dbMessages, samples)).toEqual([]);
    expect(frenchTypographyFaults('ligne 1 : personne inconnue')).toHaveLength(1);
  });

  it('says every message in every language as a sentence', () => {
    for (const l of LOCALES)
      for (const [key, text] of saidIn(l)) expect(text, `${l} ${key}`).toMatch(/^\S.*[.:\w]$/);
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
