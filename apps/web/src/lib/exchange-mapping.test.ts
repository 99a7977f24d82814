import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareExchange,
  exchangeFieldLabel,
  formValuesOf,
  mappingOf,
  type ExchangeShape,
  type StoredMapping,
} from './exchange-mapping';

const shape: ExchangeShape = {
  grant: 'PROSMED-CCSC',
  indicators: [
    { code: 'CCSC-SESSIONS', dimensions: [] },
    { code: 'CCSC-MEMBRES', dimensions: ['sex'] },
  ],
  regions: [
    { path: 'ml/mopti', name: 'Mopti' },
    { path: 'ml/segou', name: 'Ségou' },
  ],
};

const stored: NonNullable<StoredMapping> = {
  dataSet: 'WANEP_QRPT',
  orgUnit: 'OU_MALI',
  groupAttributes: {},
  indicators: {
    'CCSC-SESSIONS': { total: 'DE_SESSIONS', target: 'DE_SESSIONS_CIBLE', breakdowns: [] },
    'CCSC-MEMBRES': { breakdowns: [{ dataElement: 'DE_MEMBRES_SEX', by: ['sex'] }] },
  },
  categories: { sex: { category: 'GENDER', options: { female: 'F', male: 'M' } } },
  dhis2: {
    idScheme: 'UID',
    orgUnit: 'ImspTQPwCqd',
    attributeOptionCombo: 'AoCprosmed1',
    totalCombo: 'HllvX50cXC0',
    dataElements: {},
    combos: { DE_MEMBRES_SEX: { 'sex=female': 'CoCfemale01', 'sex=male': 'CoCmale0001' } },
    regions: { 'ml/mopti': 'OuMopti0001' },
    outside: 'ImspTQPwCqd',
  },
};

describe('the exchange mapping form', () => {
  it('reads back the mapping it was filled with: nothing typed is lost or invented', () => {
    const values = formValuesOf(stored, shape);
    expect(values['combo:CCSC-MEMBRES:sex:female']).toBe('CoCfemale01');
    expect(values['region:ml/segou']).toBe('');
    expect(values['target:CCSC-SESSIONS']).toBe('DE_SESSIONS_CIBLE');
    expect(values['target:CCSC-MEMBRES']).toBe('');
    expect(mappingOf(values, shape)).toEqual({
      dataSet: 'WANEP_QRPT',
      orgUnit: 'OU_MALI',
      indicators: stored.indicators,
      categories: stored.categories,
      dhis2: {
        idScheme: 'UID',
        orgUnit: 'ImspTQPwCqd',
        attributeOptionCombo: 'AoCprosmed1',
        totalCombo: 'HllvX50cXC0',
        combos: stored.dhis2?.combos,
        regions: { 'ml/mopti': 'OuMopti0001' },
        // What lies outside every region: kept by a save of the page, not dropped.
        outside: 'ImspTQPwCqd',
      },
    });
    expect(values['dhis2:outside']).toBe('ImspTQPwCqd');
    expect(mappingOf({ ...values, 'dhis2:outside': ' ' }, shape).dhis2).not.toHaveProperty(
      'outside',
    );
  });

  it('starts from Jalon’s codes, and a blank DHIS2 org unit means no DHIS2 part', () => {
    const values = formValuesOf(null, shape);
    expect(values['total:CCSC-SESSIONS']).toBe('CCSC-SESSIONS');
    expect(values['by:CCSC-MEMBRES:sex']).toBe('CCSC-MEMBRES.SEX');
    expect(values['option:sex:female']).toBe('FEMALE');
    const mapping = mappingOf({ ...values, orgUnit: ' WANEP-ML ' }, shape);
    expect(mapping.orgUnit).toBe('WANEP-ML');
    expect(mapping.dhis2).toBeUndefined();
    expect(mapping.indicators['CCSC-MEMBRES']).toEqual({
      total: 'CCSC-MEMBRES',
      breakdowns: [{ dataElement: 'CCSC-MEMBRES.SEX', by: ['sex'] }],
    });
  });
});

describe('the exchange mapping after a conflict', () => {
  const theirs = formValuesOf(stored, shape);
  const names = Object.keys(theirs);

  it('lists exactly the boxes that differ, each with its words, mine beside theirs (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.stringMatching(/^[A-Z_]{0,6}$/)),
        (typed) => {
          const mine = { ...theirs, ...typed };
          const rows = compareExchange(mine, theirs, shape);
          const differ = names.filter((n) => (mine[n] ?? '').trim() !== (theirs[n] ?? '').trim());
          expect(rows.map((r) => r.field).sort()).toEqual(differ.sort());
          for (const r of rows) {
            expect(r.label).toBe(exchangeFieldLabel(r.field, shape));
            expect(r.label).not.toBe(r.field);
            expect(r.mine).toBe((mine[r.field] ?? '').trim() || '(vide)');
            expect(r.theirs).toBe((theirs[r.field] ?? '').trim() || '(vide)');
          }
        },
      ),
      { seed: 1616, numRuns: 100 },
    );
  });

  it('names a box as the form does, with its fieldset', () => {
    expect(exchangeFieldLabel('region:ml/segou', shape)).toBe('Org units des régions — Ségou');
    expect(exchangeFieldLabel('dhis2:outside', shape)).toBe(
      'Org units des régions — Hors de toute région',
    );
    expect(exchangeFieldLabel('total:CCSC-SESSIONS', shape)).toBe(
      'Indicateur CCSC-SESSIONS — Élément de données du total',
    );
    expect(compareExchange({ ...theirs, version: '9' }, theirs, shape)).toEqual([]);
  });
});
