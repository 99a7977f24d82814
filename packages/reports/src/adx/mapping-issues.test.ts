import { describe, expect, it } from 'vitest';
import { adxMappingSchema } from './adx-mapping';
import { mappingIssuesText } from './mapping-issues';

/** The words a refused mapping gets, in both languages. */
function refusal(input: unknown) {
  const r = adxMappingSchema.safeParse(input);
  if (r.success) throw new Error('the mapping was accepted');
  return mappingIssuesText(r.error.issues);
}

const base = {
  dataSet: 'DS',
  orgUnit: 'OU',
  indicators: { 'OP1.2': { total: 'OP1.2', breakdowns: [{ dataElement: 'E', by: ['sex'] }] } },
  categories: { sex: { category: 'SEX', options: { female: 'F', male: 'M' } } },
};

describe('a refused exchange mapping in the reader’s language', () => {
  it('names each field and says what is wrong, in French and in English, never zod’s words', () => {
    const said = refusal({
      ...base,
      dataSet: '',
      orgUnit: ' OU',
      categories: {},
      dhis2: { idScheme: 'UID', orgUnit: 'not-a-uid', regions: { 'ml/mopti': 'not-a-uid' } },
    });
    expect(said.fr).toBe(
      'Correspondance refusée, rien n’a été enregistré\u202f: ' +
        [
          'dataSet\u202f: à remplir',
          'orgUnit\u202f: un code sans espace au début, à la fin ni en double',
          'dhis2.regions\u202f: une org unit est donnée deux fois',
          'dhis2.orgUnit\u202f: not-a-uid n’est pas un UID DHIS2 (une lettre puis dix lettres ou chiffres)',
          'dhis2.regions.ml/mopti\u202f: not-a-uid n’est pas un UID DHIS2 (une lettre puis dix lettres ou chiffres)',
          'indicators.OP1.2.breakdowns.0.by.0\u202f: aucune catégorie n’est associée à la ventilation sex',
        ].join('\u202f; ') +
        '.',
    );
    expect(said.en).toBe(
      'Mapping refused, nothing was saved: ' +
        [
          'dataSet: required',
          'orgUnit: a code without leading, trailing or doubled spaces',
          'dhis2.regions: an org unit is given twice',
          'dhis2.orgUnit: not-a-uid is not a DHIS2 UID (a letter then ten letters or digits)',
          'dhis2.regions.ml/mopti: not-a-uid is not a DHIS2 UID (a letter then ten letters or digits)',
          'indicators.OP1.2.breakdowns.0.by.0: no category is mapped for the breakdown sex',
        ].join('; ') +
        '.',
    );
  });

  it('says zod’s generic refusals in words too: a type, a name ADX keeps, an attribute twice', () => {
    const said = refusal({
      ...base,
      dataSet: 12,
      groupAttributes: { period: 'x' },
    });
    expect(said.en).toContain('dataSet: a string value expected');
    expect(said.en).toContain('groupAttributes.period: a name ADX keeps for itself');
    expect(said.fr).toContain('dataSet\u202f: valeur de type string attendue');
    expect(said.fr).toContain(
      'groupAttributes.period\u202f: un nom qu’ADX réserve à son propre usage',
    );
    const twice = refusal({ ...base, groupAttributes: { SEX: 'y' } });
    expect(twice.en).toContain('groupAttributes.SEX: SEX is already a disaggregation category');
    expect(twice.fr).toContain(
      'groupAttributes.SEX\u202f: SEX est déjà une catégorie de ventilation',
    );
    const missing = refusal({ ...base, orgUnit: undefined });
    expect(missing.en).toBe('Mapping refused, nothing was saved: orgUnit: required.');
    for (const text of [said.fr, said.en])
      expect(text).not.toMatch(/Invalid|Too small|expected string/);
  });
});
