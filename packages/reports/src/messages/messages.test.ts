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

  it('says the IATI comments and a cut column in each language, French with U+202F', () => {
    expect(reportText('iati-status-target', 'T2 2023', 'en bonne voie', ' (97\u202f%)').fr).toBe(
      'Cible de la période sur laquelle le rapport juge le statut (T2 2023)\u202f: en bonne voie (97\u202f%).',
    );
    expect(reportSays('en', 'iati-actual', 'at least 179')).toBe('Actual: at least 179');
    expect(reportSays('fr', 'to-date', 1, 'mai')).toBe('à date (1er mai)');
    expect(reportSays('en', 'to-date', 1, 'May')).toBe('to date (1 May)');
  });
});
