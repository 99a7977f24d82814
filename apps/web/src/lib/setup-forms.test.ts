import { formatNumber } from '@jalon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedComments,
  checkDonor,
  checkGrant,
  checkNode,
  checkProgramme,
  errorOf,
  parseAmount,
  readValues,
} from './setup-forms';

const form = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
};

const GRANT = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const grantValues = {
  code: 'FONDS-PAIX-2024',
  donorId: '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f',
  title: 'Fonds pour la paix',
  titleEn: '',
  startDate: '2024-01-01',
  endDate: '2025-12-31',
  currency: 'eur',
  amount: '1 250 000,50',
  fiscalYearStartMonth: '10',
  reportTemplate: 'undp-quarterly',
  iatiIdentifier: '',
  donorReference: 'AW-0042',
  businessUnit: 'MLI10',
  projectId: '',
};

describe('parseAmount', () => {
  it('reads amounts as French and English speakers type them', () => {
    expect(parseAmount('1 250 000,50')).toBe(1250000.5);
    expect(parseAmount('1\u202f250\u202f000')).toBe(1250000);
    expect(parseAmount('1250000.5')).toBe(1250000.5);
    expect(parseAmount('  ')).toBeNull();
    expect(parseAmount('beaucoup')).toBeUndefined();
    expect(parseAmount('1,2,3')).toBeUndefined();
    expect(parseAmount('-5')).toBeUndefined();
  });

  it('reads back any amount the domain writes in French, and plain decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (units, cents) => {
          const amount = units + cents / 100;
          const french = formatNumber(amount, 'fr', {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          });
          expect(parseAmount(french)).toBeCloseTo(amount, 2);
          expect(parseAmount(amount.toFixed(2))).toBeCloseTo(amount, 2);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe('the set-up form checks', () => {
  it('reads the named fields of a form, trimmed, missing ones empty', () => {
    expect(readValues(form([['code', '  PNUD ']]), ['code', 'name'])).toEqual({
      code: 'PNUD',
      name: '',
    });
  });

  it('says in French what a donor lacks, field by field', () => {
    const checked = checkDonor({ code: 'PN UD', name: '', iatiRef: 'X' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.field)).toEqual(['code', 'name', 'iatiRef']);
    expect(errorOf(checked.errors, 'name')).toBe('Indiquez un nom.');
    expect(checkDonor({ code: 'PNUD', name: 'PNUD Mali', iatiRef: '' })).toEqual({
      ok: true,
      input: { code: 'PNUD', name: 'PNUD Mali', iatiRef: null },
    });
  });

  it('checks a programme code only when the programme is opened', () => {
    expect(checkProgramme({ code: 'ccs-c', name: 'A', nameEn: 'B' }, true)).toMatchObject({
      ok: false,
      errors: [{ field: 'code' }],
    });
    expect(checkProgramme({ code: '', name: 'A', nameEn: 'B' }, false)).toMatchObject({
      ok: true,
      input: { name: 'A', nameEn: 'B', description: null },
    });
  });

  it('turns a grant form into the API input: amount, currency, month, donor codes', () => {
    expect(checkGrant(grantValues, [GRANT], true)).toEqual({
      ok: true,
      input: {
        code: 'FONDS-PAIX-2024',
        donorId: grantValues.donorId,
        title: 'Fonds pour la paix',
        titleEn: null,
        startDate: '2024-01-01',
        endDate: '2025-12-31',
        currency: 'EUR',
        amount: 1250000.5,
        fiscalYearStartMonth: 10,
        reportTemplate: 'undp-quarterly',
        iatiIdentifier: null,
        donorReference: 'AW-0042',
        businessUnit: 'MLI10',
        projectId: null,
        programmeIds: [GRANT],
      },
    });
  });

  it('refuses an end before the start, a bad amount and a bad currency', () => {
    const checked = checkGrant(
      { ...grantValues, endDate: '2023-12-31', amount: 'un million', currency: 'francs' },
      [],
      true,
    );
    expect(checked.ok ? [] : checked.errors).toEqual([
      { field: 'endDate', message: 'La date de fin précède la date de début.' },
      { field: 'currency', message: 'La devise est un code ISO de trois lettres (XOF, USD, EUR).' },
      {
        field: 'amount',
        message: 'Le montant est un nombre, par exemple 1 250 000 ou 1 250 000,50.',
      },
    ]);
  });

  it('gives a node the French title in English when none is typed, and wants a level', () => {
    expect(checkNode({ level: 'output', code: 'OP1', title: 'Formations' }, GRANT)).toEqual({
      ok: true,
      input: {
        grantId: GRANT,
        level: 'output',
        parentId: null,
        code: 'OP1',
        title: 'Formations',
        titleEn: 'Formations',
        assumptions: null,
      },
    });
    expect(checkNode({ level: 'activity', code: 'X', title: 'Y' }, GRANT)).toMatchObject({
      ok: false,
      errors: [{ field: 'level' }],
    });
  });

  it('keeps only the comments that changed; an emptied box removes its comment', () => {
    const posted = form([
      ['comment:a', 'Même texte'],
      ['was:a', 'Même texte'],
      ['comment:b', 'Nouveau'],
      ['was:b', ''],
      ['comment:c', '  '],
      ['was:c', 'Ancien'],
    ]);
    expect(changedComments(posted)).toEqual([
      { indicatorId: 'b', comment: 'Nouveau' },
      { indicatorId: 'c', comment: '' },
    ]);
  });
});
