import { describe, expect, it } from 'vitest';
import {
  AWARENESS_SESSION,
  CCSC_TRAININGS,
  CNT_LOBBYING,
  GENDER_TALK,
  cell,
  count,
} from '../test-support/records';
import { checkConsistency } from './consistency';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('checkConsistency', () => {
  it('accepts the bulletin’s records', () => {
    expect(checkConsistency(AWARENESS_SESSION)).toEqual([]);
    expect(checkConsistency(CCSC_TRAININGS)).toEqual([]);
    expect(checkConsistency(CNT_LOBBYING)).toEqual([]);
    expect(checkConsistency(GENDER_TALK)).toEqual([]);
    expect(checkConsistency({ total: null, cells: [] })).toEqual([]);
  });

  it('says in plain French when a part exceeds the total', () => {
    const issues = checkConsistency({ total: count(20), cells: [cell({ sex: 'female' }, 30)] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'part-exceeds-whole',
      severity: 'error',
      keys: ['sex=female', ''],
    });
    expect(issues[0]?.message.fr).toBe(
      '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.',
    );
    expect(issues[0]?.message.en).toBe(
      '30 women out of 20 participants in total: a part cannot exceed the whole.',
    );
  });

  it('flags negative, fractional and unreadable counts', () => {
    const issues = checkConsistency({
      total: count(-3),
      cells: [cell({ sex: 'female' }, 2.5), cell({ sex: 'male' }, Number.NaN)],
    });
    expect(codes(issues)).toEqual(['negative-count', 'fractional-count', 'non-finite-count']);
    expect(issues[0]?.message.fr).toBe('Nombre négatif de participants : -3');
    expect(issues[1]?.message.fr).toContain('non entier : 2,5');
  });

  it('flags unknown dimensions and categories, empty and duplicate cells', () => {
    const issues = checkConsistency({
      total: count(10),
      cells: [
        cell({ colour: 'blue' }, 1),
        cell({ sex: 'other' }, 1),
        cell({}, 10),
        cell({ sex: 'female' }, 2),
        cell({ sex: 'female' }, 3),
      ],
    });
    expect(codes(issues)).toEqual([
      'unknown-dimension',
      'unknown-category',
      'empty-cell-key',
      'duplicate-cell',
    ]);
    expect(issues[1]?.message.fr).toBe('Catégorie inconnue « other » pour sexe');
  });

  it('requires the parts of a complete dimension to add up to the total', () => {
    const issues = checkConsistency({
      total: count(150),
      cells: [cell({ sex: 'female' }, 97), cell({ sex: 'male' }, 50)],
    });
    expect(codes(issues)).toEqual(['complete-dimension-sum-mismatch']);
    expect(issues[0]?.message.fr).toBe(
      'femmes (97) + hommes (50) = 147, mais on compte 150 participants : la ventilation par sexe doit retrouver ce nombre.',
    );
    expect(
      checkConsistency({
        total: count(150),
        cells: [cell({ sex: 'female' }, 97), cell({ sex: 'male' }, 53)],
      }),
    ).toEqual([]);
  });

  it('flags disjoint parts that together exceed the whole even when the dimension is open', () => {
    const issues = checkConsistency({
      total: count(100),
      cells: [cell({ category: 'state' }, 60), cell({ category: 'media' }, 50)],
    });
    expect(codes(issues)).toEqual(['parts-exceed-whole']);
    expect(issues[0]?.message.en).toContain('cannot exceed the whole');
  });

  it('checks a cross-tab against its marginals', () => {
    const issues = checkConsistency({
      total: count(150),
      cells: [
        cell({ sex: 'female' }, 97),
        cell({ sex: 'female', age: 'youth' }, 98),
        cell({ sex: 'female', age: 'adult' }, 10),
      ],
    });
    expect(codes(issues)).toEqual(['cross-tab-exceeds-marginal']);
    expect(issues[0]?.message.fr).toBe(
      '98 femmes · jeunes (18–35 ans) mais seulement 97 femmes : un croisement ne peut pas dépasser sa catégorie.',
    );
    const sum = checkConsistency({
      total: count(150),
      cells: [
        cell({ sex: 'female' }, 97),
        cell({ sex: 'female', age: 'youth' }, 90),
        cell({ sex: 'female', age: 'adult' }, 10),
      ],
    });
    expect(codes(sum)).toEqual(['parts-exceed-whole']);
    expect(sum[0]?.message.fr).toContain('pour 97 femmes');
    const complete = checkConsistency({
      total: count(150),
      cells: [
        cell({ sex: 'female' }, 97),
        cell({ sex: 'female', age: 'youth' }, 50),
        cell({ sex: 'female', age: 'adult' }, 10),
        cell({ sex: 'female', age: 'child' }, 10),
      ],
    });
    expect(codes(complete)).toEqual(['complete-dimension-sum-mismatch']);
    expect(complete[0]?.message.en).toContain('breakdown by age group must add up');
  });

  it('lets parts raise a lower-bound total instead of contradicting it', () => {
    const issues = checkConsistency({
      total: count(325, 'at-least'),
      cells: [cell({ sex: 'female' }, 400), cell({ sex: 'male' }, 20)],
    });
    expect(issues.every((i) => i.severity === 'info')).toBe(true);
    expect(codes(issues)).toEqual(['lower-bound-raised']);
    expect(issues[0]?.message.fr).toBe(
      'femmes (400) + hommes (20) = 420 : il y a donc au moins 420 participants, et non seulement « plus de 325 ».',
    );
    // all categories of a complete dimension recorded exactly, but below the known minimum: impossible
    const below = checkConsistency({
      total: count(325, 'at-least'),
      cells: [cell({ sex: 'female' }, 78), cell({ sex: 'male' }, 100)],
    });
    expect(codes(below)).toEqual(['complete-dimension-sum-mismatch']);
    expect(below[0]?.severity).toBe('error');
  });

  it('accepts lower-bound parts that may still fit, rejects those that cannot', () => {
    expect(
      checkConsistency({
        total: count(150),
        cells: [cell({ sex: 'female' }, 90, 'at-least'), cell({ sex: 'male' }, 53)],
      }),
    ).toEqual([]);
    const over = checkConsistency({
      total: count(150),
      cells: [cell({ sex: 'female' }, 151, 'at-least')],
    });
    expect(over[0]).toMatchObject({ code: 'part-exceeds-whole', severity: 'error' });
    expect(over[0]?.message.fr).toBe(
      'plus de 151 femmes pour 150 participants au total : une partie ne peut pas dépasser le total.',
    );
  });

  it('only warns when the contradiction rests on an approximate count', () => {
    const issues = checkConsistency({
      total: count(50, 'approximate'),
      cells: [cell({ sex: 'female' }, 55)],
    });
    expect(issues).toMatchObject([{ code: 'part-exceeds-whole', severity: 'warning' }]);
    expect(issues[0]?.message.fr).toContain('pour environ 50 participants');
    const sum = checkConsistency({
      total: count(50),
      cells: [cell({ sex: 'female' }, 30, 'approximate'), cell({ sex: 'male' }, 30)],
    });
    expect(sum).toMatchObject([{ code: 'complete-dimension-sum-mismatch', severity: 'warning' }]);
  });

  it('accepts custom dimensions', () => {
    const dims = [
      {
        code: 'region',
        label: { fr: 'région', en: 'region' },
        categories: [
          { code: 'mopti', label: { fr: 'Mopti', en: 'Mopti' } },
          { code: 'segou', label: { fr: 'Ségou', en: 'Ségou' } },
        ],
        complete: false,
      },
    ];
    expect(
      checkConsistency({ total: count(10), cells: [cell({ region: 'mopti' }, 4)] }, dims),
    ).toEqual([]);
    expect(
      codes(checkConsistency({ total: count(10), cells: [cell({ sex: 'female' }, 4)] }, dims)),
    ).toEqual(['unknown-dimension']);
  });
});
