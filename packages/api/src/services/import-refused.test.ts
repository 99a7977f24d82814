import type { ImportFailure } from '@jalon/db';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../context';
import { importRefused } from './import-batches';

/** One refusal of every kind a commit or an undo answers: a new kind fails to compile without one. */
const samples: { [K in ImportFailure['kind']]: Extract<ImportFailure, { kind: K }> } = {
  'not-found': { kind: 'not-found' },
  conflict: { kind: 'conflict', currentVersion: 4 },
  'unknown-reference': { kind: 'unknown-reference', what: 'place', ids: ['p1'] },
  locked: { kind: 'locked', grant: 'PROSMED-CCSC', period: '2024-Q1' },
  'duplicate-code': { kind: 'duplicate-code', code: 'A-12' },
  'in-use': { kind: 'in-use', uses: [{ by: 'activity', count: 2 }] },
  frozen: { kind: 'frozen', grant: 'PROSMED-CCSC', periods: ['2023-Q2'], fields: ['unit'] },
  invalid: { kind: 'invalid', message: { fr: 'Niveau invalide.', en: 'Wrong level.' } },
  'wrong-status': {
    kind: 'wrong-status',
    status: 'committed',
    message: { fr: 'Ce lot est importé.', en: 'This batch is committed.' },
  },
  rows: {
    kind: 'rows',
    rows: [
      { rowNumber: 3, externalId: 'x', code: 'locked', message: { fr: 'Verrou.', en: 'Lock.' } },
    ],
  },
};

function said(failure: ImportFailure, locale: Locale): TRPCError {
  try {
    importRefused(failure, locale);
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('importRefused returned');
}

describe('a refused commit or undo, in the reader’s language', () => {
  for (const failure of Object.values(samples) as ImportFailure[])
    it(`says ${failure.kind} in a sentence, never its code`, () => {
      const fr = said(failure, 'fr').message;
      const en = said(failure, 'en').message;
      expect(fr).not.toBe(en);
      for (const text of [fr, en]) {
        expect(text).toMatch(/[.…]$/);
        expect(text).not.toBe(failure.kind);
        expect(text).not.toContain(`(${failure.kind})`);
      }
    });

  it('says a lock as the API says it everywhere, in French and in English', () => {
    const locked = samples.locked;
    expect(said(locked, 'fr').code).toBe('PRECONDITION_FAILED');
    expect(said(locked, 'fr').message).toMatch(
      /^La période 2024-Q1 de la subvention PROSMED-CCSC est verrouillée par un rapport soumis\u202f: rien n’a été modifié\./,
    );
    expect(said(locked, 'en').message).toMatch(
      /^Period 2024-Q1 of grant PROSMED-CCSC is locked by a submitted report/,
    );
    expect(said(samples.conflict, 'fr').message).toMatch(/cette importation .*version 4/);
  });
});
