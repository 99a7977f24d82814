import { frenchTypographyFaults, messageTableFaults } from '@jalon/domain/test-support/messages';
import { describe, expect, it } from 'vitest';
import { incidentsByMonthChart } from '../incidents-chart';
import { valueText } from '../bar-chart';
import { chartWords, type ChartWordTable } from './index';

/** A words table as the shared checks read a message table: every entry a function, `status.x` flattened. */
const asMessages = (table: ChartWordTable) =>
  Object.fromEntries(
    Object.entries(table).flatMap(([key, word]) =>
      typeof word === 'object'
        ? Object.entries(word).map(([k, w]) => [`${key}.${k}`, () => w])
        : [[key, typeof word === 'function' ? word : () => word]],
    ),
  );

describe('the charts message table', () => {
  it('has every language with the same keys, each word said, French with U+202F', () => {
    expect(
      messageTableFaults({ fr: asMessages(chartWords.fr), en: asMessages(chartWords.en) }),
    ).toEqual([]);
    expect(frenchTypographyFaults('Cible : 5')).toHaveLength(1);
  });

  it('is the one table the charts print from, in the language asked for', () => {
    expect(chartWords.fr.domains(2024)).toBe('Scores par domaine (2024) et médiane des pairs');
    expect(valueText(null, 'count', 'en')).toBe(chartWords.en.notComputable);
    const months = [{ code: '2023-05', label: 'mai', incidents: 1, deaths: 0, injuries: 2 }];
    for (const locale of ['fr', 'en'] as const) {
      const { table } = incidentsByMonthChart({ title: 't', months }, locale);
      const w = chartWords[locale];
      expect(JSON.stringify(table)).toContain(w.injuries);
      expect(JSON.stringify(table)).toContain(w.month);
    }
  });
});
