import { describe, expect, it } from 'vitest';
import { failureText, messageText, toTRPCError, type ApiFailure } from './errors';

/** One failure of every kind: the record's type fails to compile when a kind is added without one. */
const samples: { [K in ApiFailure['kind']]: Extract<ApiFailure, { kind: K }> } = {
  'not-found': { kind: 'not-found', entity: messageText('entity.activity') },
  'invalid-input': { kind: 'invalid-input', message: { fr: 'Date invalide.', en: 'Bad date.' } },
  'no-organisation': { kind: 'no-organisation' },
  conflict: { kind: 'conflict', entity: messageText('entity.activity'), currentVersion: 3 },
  locked: { kind: 'locked', grant: 'UE-2026', period: '2026-Q1' },
  duplicate: { kind: 'duplicate', what: messageText('error.duplicate-code'), value: 'IND-1' },
  'unknown-reference': {
    kind: 'unknown-reference',
    what: messageText('entity.indicator'),
    ids: ['a', 'b'],
  },
  'in-use': {
    kind: 'in-use',
    entity: messageText('entity.indicator'),
    uses: [{ by: 'target', count: 2 }],
  },
  frozen: {
    kind: 'frozen',
    grant: 'UE-2026',
    periods: ['2026-Q1'],
    fields: [messageText('field.unit')],
  },
  'control-character': { kind: 'control-character', path: 'title', codePoint: 'U+0007' },
  'client-request-reused': { kind: 'client-request-reused' },
  'figures-changed': { kind: 'figures-changed' },
  'inconsistent-breakdown': {
    kind: 'inconsistent-breakdown',
    issues: [
      {
        code: 'part-exceeds-whole',
        severity: 'error',
        keys: ['sex:female'],
        message: { fr: '30 femmes pour 20 participants.', en: '30 women for 20 participants.' },
      },
    ],
  },
  'wrong-status': {
    kind: 'wrong-status',
    status: 'draft',
    action: 'validate',
    the: messageText('entity.this-activity'),
    entity: messageText('entity.activity'),
  },
  'own-submission': { kind: 'own-submission', the: messageText('entity.this-activity') },
  'import-kind-refused': { kind: 'import-kind-refused', importKind: 'targets', reason: 'role' },
  'import-file-refused': {
    kind: 'import-file-refused',
    code: 'file-empty',
    message: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  },
  'import-batch-not-found': { kind: 'import-batch-not-found' },
  'import-other-importer': { kind: 'import-other-importer' },
  'import-wrong-status': {
    kind: 'import-wrong-status',
    message: { fr: 'Lot déjà importé.', en: 'Batch already committed.' },
  },
  'import-rows-refused': {
    kind: 'import-rows-refused',
    rows: [
      {
        rowNumber: 4,
        externalId: 'r4',
        code: 'bad-date',
        message: { fr: 'Date invalide.', en: 'Bad date.' },
      },
    ],
  },
};

/** Kinds whose words the caller brings (a command's own message). */
const passThrough = new Set<ApiFailure['kind']>(['invalid-input', 'import-wrong-status']);

describe('API failures', () => {
  for (const failure of Object.values(samples) as ApiFailure[]) {
    it(`${failure.kind} is said in French and in English, every placeholder filled`, () => {
      const text = failureText(failure);
      for (const said of [text.fr, text.en]) {
        expect(said.trim()).not.toBe('');
        expect(said).not.toMatch(/\{[a-zA-Z]+\}/);
      }
      if (!passThrough.has(failure.kind)) expect(text.fr).not.toBe(text.en);
      expect(toTRPCError(failure, 'fr').message).toBe(text.fr);
      expect(toTRPCError(failure, 'en').message).toBe(text.en);
    });
  }

  it('keeps the codes callers rely on', () => {
    const code = (f: ApiFailure) => toTRPCError(f, 'fr').code;
    expect(code(samples['import-kind-refused'])).toBe('FORBIDDEN');
    expect(code({ ...samples['import-kind-refused'], reason: 'unauthenticated' })).toBe(
      'UNAUTHORIZED',
    );
    expect(code(samples['wrong-status'])).toBe('PRECONDITION_FAILED');
    expect(code(samples['own-submission'])).toBe('FORBIDDEN');
    expect(code(samples['client-request-reused'])).toBe('CONFLICT');
    expect(code(samples['figures-changed'])).toBe('CONFLICT');
    expect(code(samples['control-character'])).toBe('BAD_REQUEST');
    expect(code(samples['import-file-refused'])).toBe('BAD_REQUEST');
    expect(code(samples['import-rows-refused'])).toBe('PRECONDITION_FAILED');
    expect(code(samples['import-batch-not-found'])).toBe('NOT_FOUND');
  });

  it('carries what a caller reads beside the words: rows, issues, the file code', () => {
    const rows = toTRPCError(samples['import-rows-refused'], 'fr').cause as unknown as {
      rows: unknown[];
    };
    expect(rows.rows).toHaveLength(1);
    const file = toTRPCError(samples['import-file-refused'], 'en');
    expect(file.message).toBe('The file is empty. (file-empty)');
    expect((file.cause as unknown as { importCode: string }).importCode).toBe('file-empty');
    const breakdown = toTRPCError(samples['inconsistent-breakdown'], 'fr').cause as unknown as {
      issues: unknown[];
    };
    expect(breakdown.issues).toHaveLength(1);
  });
});
