import { describe, expect, it } from 'vitest';
import { bulletinDownloads, chooseTemplate, grantDownloads, reportingValue } from './reports';

describe('report downloads', () => {
  it('asks /api/reports for the workbook and IATI file of a grant, with the routes’ parameters', () => {
    const links = grantDownloads({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
      lang: 'en',
    });
    expect(links.xlsx).toBe(
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&lang=en',
    );
    expect(links.iati).toBe(
      '/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
    );
    expect(links.adx).toBe('/api/reports/adx?grant=PROSMED-CCSC&period=2023-Q2&lang=en');
    expect(links.dhis2).toBe('/api/reports/dhis2?grant=PROSMED-CCSC&period=2023-Q2&lang=en');
  });

  it('escapes what it puts in the query', () => {
    const url = new URL(
      grantDownloads({ grant: 'A&B C', period: '2023', template: 't', lang: 'fr' }).xlsx,
      'http://x',
    );
    expect(url.searchParams.get('grant')).toBe('A&B C');
    expect(url.searchParams.get('lang')).toBe('fr');
  });

  it('asks for the bulletin by period, format and language only', () => {
    expect(bulletinDownloads('2023-Q2', 'fr')).toEqual({
      md: '/api/reports/bulletin?period=2023-Q2&format=md&lang=fr',
      html: '/api/reports/bulletin?period=2023-Q2&format=html&lang=fr',
    });
  });
});

describe('chooseTemplate', () => {
  const templates = [{ id: 'undp-quarterly' }, { id: 'nl-just-future' }];

  it('keeps a template asked for that exists', () => {
    expect(chooseTemplate(templates, 'nl-just-future', 'undp-quarterly')).toBe('nl-just-future');
  });

  it('falls back on the grant’s own template, then on the first one', () => {
    expect(chooseTemplate(templates, 'nope', 'nl-just-future')).toBe('nl-just-future');
    expect(chooseTemplate(templates, null, null)).toBe('undp-quarterly');
    expect(chooseTemplate(templates, null, 'unknown')).toBe('undp-quarterly');
    expect(chooseTemplate([], 'x', 'y')).toBeNull();
  });
});

describe('reportingValue', () => {
  it('picks the value of the reporting period among the report’s periods', () => {
    const indicator = {
      values: [
        { period: '2023', actual: 1 },
        { period: '2023-Q2', actual: 2 },
      ],
    };
    expect(reportingValue(indicator, '2023-Q2')).toEqual({ period: '2023-Q2', actual: 2 });
    expect(reportingValue(indicator, '2023-Q3')).toBeNull();
  });
});
