import { LOCALES } from '@jalon/domain';
import {
  frenchTypographyFaults,
  messageTableFaults,
  said,
} from '@jalon/domain/test-support/messages';
import { describe, expect, it } from 'vitest';
import { dbMessages, dbSays, dbText, refused } from './index';

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
  'batch-staged': [],
  'batch-committed': [],
  'batch-undone': [],
  'batch-doing-commit': [],
  'batch-doing-undo': [],
  'batch-wrong-status': ['préparé', 'l’annuler'],
  'import-concurrent': ['kobo-17'],
  'import-messages': [['30 femmes pour 20 participants.', 'Nombre négatif.']],
  'import-row-rejected': [],
  'import-row-locked': ['2023-Q2', 'PROSMED-CCSC'],
  'import-row-unknown-reference': ['place', ['p1', 'p2']],
  'import-row-changed-meanwhile': [4],
  'import-row-gone': [],
  'import-row-duplicate-code': ['A-12'],
  'import-row-in-use': [],
  'import-row-frozen': ['PROSMED-CCSC', ['2023-Q2', '2023-Q3']],
  'import-row-wrong-status': ['submitted'],
  'import-row-own-submission': [],
  'import-activity-changed': ['A-12', 3, 1],
  'import-incident-changed': ['I-4'],
  'import-attendance-activity-missing': [],
  'import-of-activity': ['A-12', `ligne 3${NNBSP}: personne inconnue (p1).`],
  'undo-attendance-activity-changed': ['A-12'],
  'undo-incident-changed': ['I-4'],
  'undo-incident-gone': [],
  'undo-activity-gone': [],
  'undo-activity-changed': ['A-12', 3, 1],
  'the-baseline': [],
  'the-target': [],
  'undo-target-gone': ['La cible'],
  'undo-target-changed': ['La cible', 12, 10],
  'undo-value-gone': [],
  'undo-value-changed': ['WOMEN', '2023-Q2', 12],
};

/** The words a refusal takes (a batch's status, what a target row wrote), not sentences. */
const words = new Set<string>([
  'batch-staged',
  'batch-committed',
  'batch-undone',
  'batch-doing-commit',
  'batch-doing-undo',
  'the-baseline',
  'the-target',
]);

function saidIn(locale: (typeof LOCALES)[number]): [string, string][] {
  return said(dbMessages[locale], samples);
}

describe('the db message table', () => {
  it('has every language with every key sampled, each message said, French with U+202F', () => {
    expect(messageTableFaults(dbMessages, samples)).toEqual([]);
    expect(frenchTypographyFaults('ligne 1 : personne inconnue')).toHaveLength(1);
  });

  it('says every message in every language as a sentence, and the words a sentence takes as words', () => {
    for (const l of LOCALES)
      for (const [key, text] of saidIn(l))
        if (words.has(key)) expect(text, `${l} ${key}`).toMatch(/^\S(.*[^\s.])?$/u);
        else expect(text, `${l} ${key}`).toMatch(/^\S.*[.:\w]$/);
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

  it('says the import’s refusals in each language, French with U+202F, each list in its own punctuation', () => {
    expect(dbText('import-row-locked', '2023-Q2', 'PROSMED-CCSC')).toEqual({
      fr: `Période 2023-Q2 de la subvention PROSMED-CCSC verrouillée par un rapport soumis${NNBSP}: la ligne n’est pas écrite.`,
      en: 'Period 2023-Q2 of grant PROSMED-CCSC is locked by a submitted report: the row is not written.',
    });
    expect(dbText('import-messages', ['a', 'b'])).toEqual({ fr: `a${NNBSP}; b`, en: 'a; b' });
    expect(dbText('undo-activity-changed', 'A-12', 3, null).en).toBe(
      'Activity A-12 was changed since the import (version 3, written at version ?): undoing would lose that change.',
    );
    expect(
      dbSays(
        'fr',
        'batch-wrong-status',
        dbSays('fr', 'batch-committed'),
        dbSays('fr', 'batch-doing-undo'),
      ),
    ).toBe(`Ce lot est déjà importé${NNBSP}: impossible de l’annuler.`);
    expect(dbText('import-concurrent', 'k1').fr).toBe(
      `L’identifiant «${NNBSP}k1${NNBSP}» vient d’être importé par un autre lot${NNBSP}: relancez la vérification.`,
    );
  });
});
