import { describe, expect, it } from 'vitest';
import { formatParticipants, type ParticipantCounts } from './participants';

const exact = (value: number) => ({ value, qualifier: 'exact' as const });

// The bulletin's counts, as the demo data records them.
const causerie: ParticipantCounts = {
  total: exact(150),
  cells: [
    { key: { sex: 'female' }, ...exact(97) },
    { key: { age: 'youth' }, ...exact(109) },
  ],
};
const genderTalk: ParticipantCounts = { total: { value: 50, qualifier: 'approximate' }, cells: [] };
const ccsc: ParticipantCounts = {
  total: { value: 325, qualifier: 'at-least' },
  cells: [
    { key: { age: 'youth' }, ...exact(117) },
    { key: { sex: 'female' }, ...exact(78) },
  ],
};

describe('formatParticipants', () => {
  it('says a total and its known marginals, without inventing a cross-cell', () => {
    expect(formatParticipants(causerie, 'fr')).toBe(
      '150 participants dont 97 femmes et 109 jeunes',
    );
    expect(formatParticipants(causerie, 'en')).toBe(
      '150 participants, including 97 women and 109 young people',
    );
  });

  it('keeps approximate counts approximate', () => {
    expect(formatParticipants(genderTalk, 'fr')).toBe('environ 50 participants');
    expect(formatParticipants(genderTalk, 'en')).toBe('about 50 participants');
  });

  it('keeps lower bounds as lower bounds, sex before age', () => {
    expect(formatParticipants(ccsc, 'fr')).toBe(
      'plus de 325 participants dont 78 femmes et 117 jeunes',
    );
    expect(formatParticipants(ccsc, 'en')).toBe(
      'more than 325 participants, including 78 women and 117 young people',
    );
  });

  it('returns null when nothing was counted', () => {
    expect(formatParticipants(null, 'fr')).toBeNull();
    expect(formatParticipants({ total: null, cells: [] }, 'fr')).toBeNull();
  });

  it('says so when only a breakdown is known', () => {
    expect(
      formatParticipants({ total: null, cells: [{ key: { sex: 'female' }, ...exact(4) }] }, 'fr'),
    ).toBe('total non renseigné, dont 4 femmes');
  });

  it('uses singular forms and locale number formatting', () => {
    expect(
      formatParticipants(
        { total: exact(1), cells: [{ key: { sex: 'female' }, ...exact(1) }] },
        'fr',
      ),
    ).toBe('1 participant dont 1 femme');
    // French groups thousands with a narrow no-break space.
    expect(formatParticipants({ total: exact(1250), cells: [] }, 'fr')).toBe(
      '1\u202f250 participants',
    );
    expect(formatParticipants({ total: exact(1250), cells: [] }, 'en')).toBe('1,250 participants');
  });

  it('names cross-cells and qualified cells, and shows unknown breakdowns plainly', () => {
    expect(
      formatParticipants(
        {
          total: exact(40),
          cells: [
            { key: { age: 'youth', sex: 'female' }, value: 10, qualifier: 'approximate' },
            { key: { category: 'media' }, ...exact(3) },
            { key: { sex: 'male' }, ...exact(25) },
          ],
        },
        'fr',
      ),
    ).toBe('40 participants dont 25 hommes, 3 (category: media) et environ 10 jeunes femmes');
  });
});
