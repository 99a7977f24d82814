import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidentsByMonthChart, type IncidentMonth } from './incidents-chart';
import { drawnIndices, numbersIn, svgTexts, xmlError } from './test-support/svg';

const months: IncidentMonth[] = [
  { code: '2023-04', label: 'avr. 2023', incidents: 41, deaths: 1532, injuries: 236 },
  { code: '2023-05', label: 'mai 2023', incidents: 38, deaths: 0, injuries: 17 },
  { code: '2023-06', label: 'juin 2023', incidents: 37, deaths: 12, injuries: 9 },
];

describe('incidentsByMonthChart', () => {
  it('is well-formed SVG, named, with every number formatted and the same table', () => {
    const title = 'Incidents par mois';
    const { svg, table } = incidentsByMonthChart({ title, months }, 'fr');
    expect(xmlError(svg)).toBeNull();
    expect(svgTexts(svg, 'title')).toEqual([title]);
    expect(svg).toContain(`aria-label="${title}"`);
    const texts = svgTexts(svg);
    for (const t of ['41', '1\u202f532', '236', '38', '0', '17', '37', '12', '9'])
      expect(texts).toContain(t);
    expect(texts).not.toContain('1532');
    for (const t of ['Incidents', 'Morts', 'Blessés', 'avr. 2023', 'mai 2023', 'juin 2023'])
      expect(texts).toContain(t);
    expect(table).toEqual({
      caption: title,
      columns: ['Mois', 'Incidents', 'Morts', 'Blessés'],
      rows: [
        { header: 'avr. 2023', cells: ['41', '1\u202f532', '236'] },
        { header: 'mai 2023', cells: ['38', '0', '17'] },
        { header: 'juin 2023', cells: ['37', '12', '9'] },
      ],
    });
    // One bar per month in each of the three series.
    for (const s of [0, 1, 2]) expect([...drawnIndices(svg, s)].sort()).toEqual([0, 1, 2]);
  });

  it('speaks English', () => {
    const { svg, table } = incidentsByMonthChart({ title: 'Incidents by month', months }, 'en');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['1,532', 'Deaths', 'Injuries']));
    expect(table.columns).toEqual(['Month', 'Incidents', 'Deaths', 'Injuries']);
  });

  it('carries every input number in its table and its SVG (property, fixed seed)', () => {
    const count = fc.integer({ min: 0, max: 2_000_000 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ incidents: count, deaths: count, injuries: count }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom('fr' as const, 'en' as const),
        (raw, locale) => {
          const ms = raw.map((m, i) => ({ ...m, code: `2023-${i + 1}`, label: `M${i + 1}` }));
          const { svg, table } = incidentsByMonthChart({ title: 'T', months: ms }, locale);
          expect(xmlError(svg)).toBeNull();
          const texts = svgTexts(svg);
          ms.forEach((m, i) => {
            const cells = table.rows[i]?.cells ?? [];
            expect(cells.flatMap((c) => numbersIn(c, locale))).toEqual([
              m.incidents,
              m.deaths,
              m.injuries,
            ]);
            for (const c of cells) expect(texts).toContain(c);
          });
        },
      ),
      { seed: 1617, numRuns: 40 },
    );
  });
});
