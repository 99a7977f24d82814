import { frenchTypographyFaults, messageTableFaults } from '@jalon/domain/test-support/messages';
import { describe, expect, it } from 'vitest';
import { reportMessages, reportSays, reportText } from './index';

describe('the reports message table', () => {
  it('has every language with the same keys, each message said, French with U+202F', () => {
    expect(messageTableFaults(reportMessages)).toEqual([]);
    expect(frenchTypographyFaults('En graphiques : x')).toHaveLength(1);
  });

  it('says a message in one language or in all', () => {
    expect(reportSays('fr', 'list-and', 'a, b', 'c')).toBe('a, b et c');
    expect(reportText('iati-funded-by', 'Projet', 'USAID')).toEqual({
      fr: 'Projet — financé par USAID.',
      en: 'Projet — funded by USAID.',
    });
  });
});
