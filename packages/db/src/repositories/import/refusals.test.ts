import { LOCALES } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import type { ApprovalFailure } from '../approval/commands';
import { refusalOf } from './commands';

/** One repository refusal of every kind a row can meet: a new kind fails to compile without one. */
const samples: { [K in ApprovalFailure['kind']]: Extract<ApprovalFailure, { kind: K }> } = {
  'not-found': { kind: 'not-found' },
  conflict: { kind: 'conflict', currentVersion: 4 },
  'unknown-reference': { kind: 'unknown-reference', what: 'result-node', ids: ['n1', 'n2'] },
  locked: { kind: 'locked', grant: 'PROSMED-CCSC', period: '2024-Q1' },
  'duplicate-code': { kind: 'duplicate-code', code: 'A-12' },
  'in-use': { kind: 'in-use', uses: [{ by: 'activity', count: 2 }] },
  frozen: { kind: 'frozen', grant: 'PROSMED-CCSC', periods: ['2023-Q2', '2023-Q3'], fields: [] },
  invalid: { kind: 'invalid', message: { fr: 'Niveau invalide.', en: 'Wrong level.' } },
  'wrong-status': { kind: 'wrong-status', status: 'submitted', action: 'submit' },
  'own-submission': { kind: 'own-submission' },
};

const row = { rowNumber: 7, externalId: 'x-7' };

describe('a row refused by a repository, in words', () => {
  for (const failure of Object.values(samples) as ApprovalFailure[])
    it(`says ${failure.kind} in a sentence in every language, never its code`, () => {
      const r = refusalOf(row, failure);
      expect([r.rowNumber, r.externalId]).toEqual([7, 'x-7']);
      expect(r.message.fr).not.toBe(r.message.en);
      for (const l of LOCALES) {
        expect(r.message[l]).toMatch(/\.$/);
        expect(r.message[l]).not.toMatch(
          /\((not-found|in-use|frozen|duplicate-code|wrong-status|own-submission|result-node)\)/,
        );
      }
    });

  it('names what is missing, the status and the locked periods in the reader’s words', () => {
    expect(refusalOf(row, samples['unknown-reference']).message).toEqual({
      fr: 'Élément du cadre de résultats introuvable dans l’organisation\u202f: n1, n2.',
      en: 'Results-framework element not found in the organisation: n1, n2.',
    });
    expect(refusalOf(row, samples['wrong-status']).message.fr).toBe(
      'L’enregistrement est soumis pour validation\u202f: la ligne ne peut pas le changer.',
    );
    expect(refusalOf(row, samples.frozen).message.en).toMatch(
      /^Periods 2023-Q2, 2023-Q3 of grant PROSMED-CCSC are locked/,
    );
    expect(refusalOf(row, samples['not-found']).code).toBe('record-gone');
  });
});
