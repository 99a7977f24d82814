import { describe, expect, it } from 'vitest';
import { figureOf } from '@jalon/domain';
import { ChartInputError } from './input';
import { indicatorChart, type IndicatorChartPoint } from './indicator-chart';
import { incidentsByMonthChart } from './incidents-chart';

const point: IndicatorChartPoint = {
  periodCode: '2023Q1',
  label: 'T1 2023',
  figure: figureOf({ value: 120, qualifier: 'exact' }),
  target: 150,
  baseline: null,
};

function failure(run: () => unknown): ChartInputError {
  try {
    run();
  } catch (e) {
    if (e instanceof ChartInputError) return e;
    throw e;
  }
  throw new Error('expected a ChartInputError');
}

describe('chart input', () => {
  it('refuses what it cannot draw, naming the field in French and English', () => {
    const nan = failure(() =>
      indicatorChart({ title: 'X', points: [{ ...point, target: Number.NaN }] }, 'fr'),
    );
    expect(nan.error.code).toBe('invalid-chart-input');
    expect(nan.error.message.fr).toMatch(
      /^Données du graphique invalides\u202f: points\.0\.target/,
    );
    expect(nan.error.message.en).toMatch(/^Invalid chart data: points\.0\.target/);

    const bounds = failure(() =>
      indicatorChart(
        {
          title: 'X',
          points: [
            {
              ...point,
              figure: figureOf({ value: 9, qualifier: 'at-least', bounds: { lower: 9, upper: 3 } }),
            },
          ],
        },
        'en',
      ),
    );
    expect(bounds.error.message.en).toContain('points.0.figure.bounds');

    expect(failure(() => indicatorChart({ title: ' ', points: [point] }, 'fr')).message).toContain(
      'title',
    );
    expect(
      failure(() =>
        indicatorChart({ title: 'X', points: [point] }, 'fr', { width: 0, height: 300 }),
      ).error.message.en,
    ).toContain('width');
    expect(
      failure(() =>
        incidentsByMonthChart(
          {
            title: 'X',
            months: [{ code: '2023-04', label: 'avr.', incidents: -1, deaths: 0, injuries: 1.5 }],
          },
          'fr',
        ),
      ).error.message.en,
    ).toMatch(/months\.0\.incidents.*months\.0\.injuries/);
  });

  it('draws what is valid (the checks above are not always failing)', () => {
    expect(indicatorChart({ title: 'X', points: [point] }, 'fr').table.rows).toHaveLength(1);
  });
});
