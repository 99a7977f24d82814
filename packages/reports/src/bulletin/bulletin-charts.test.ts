import { spawnSync } from 'node:child_process';
import { must } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { buildFixtureBulletinModel } from '../fixture/fixture-model';
import { bulletinCharts } from './bulletin-charts';
import { renderBulletinHtml, renderBulletinMarkdown } from './render-bulletin';

const fixture = buildFixtureBulletinModel();
/** The fixture, with the NEWS programme's incidents by category (two of the bulletin's). */
const model = {
  ...fixture,
  incidents: [
    {
      programmeCode: must(fixture.programmes[0], 'a programme').code,
      total: { incidents: 70, deaths: 120, injuries: 151 },
      byCategory: [
        {
          code: 'organised-crime-violent-extremism',
          label: {
            fr: 'Criminalité organisée & extrémisme violent',
            en: 'Organised crime & violent extremism',
          },
          incidents: 58,
          deaths: 117,
          injuries: 140,
        },
        {
          code: 'democracy-governance',
          label: { fr: 'Démocratie et gouvernance', en: 'Democracy and governance' },
          incidents: 12,
          deaths: 3,
          injuries: 11,
        },
      ],
    },
  ],
};

/** xmllint's verdict on a fragment wrapped in one element: null when well formed. */
function xmlError(fragment: string): string | null {
  const r = spawnSync('/usr/bin/xmllint', ['--noout', '-'], {
    input: `<div>${fragment}</div>`,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return r.status === 0 ? null : r.stderr;
}

describe('the bulletin’s charts', () => {
  it('count each programme’s activities and each category’s incidents as the model holds them', () => {
    const [activities, incidents, ...rest] = bulletinCharts(model, 'fr');
    expect(rest).toHaveLength(0);
    expect(activities?.table.rows).toEqual(
      model.programmes.map((p) => ({
        header: p.name.fr,
        cells: [String(model.activities.filter((a) => a.programmeCode === p.code).length)],
      })),
    );
    const news = must(model.incidents[0], 'the incidents');
    expect(incidents?.table.rows).toEqual(
      news.byCategory.map((c) => ({
        header: c.label.fr,
        cells: [c.incidents, c.deaths, c.injuries].map(String),
      })),
    );
    const sum = (i: number) =>
      must(incidents, 'the incidents chart').table.rows.reduce((s, r) => s + Number(r.cells[i]), 0);
    expect([sum(0), sum(1), sum(2)]).toEqual([
      news.total.incidents,
      news.total.deaths,
      news.total.injuries,
    ]);
  });

  it('are embedded in the HTML as SVG with their tables, well formed', () => {
    const html = renderBulletinHtml(model, 'fr');
    expect(xmlError(html)).toBeNull();
    expect(html.match(/<figure class="bulletin-chart">\s*<svg role="img"/g)).toHaveLength(2);
    expect(html).toContain('<caption>Incidents, morts et blessés par catégorie</caption>');
    expect(renderBulletinHtml(model, 'en')).toContain('<h3>As charts</h3>');
  });

  it('are embedded in the Markdown as one-line SVG blocks, each followed by its table', () => {
    const md = renderBulletinMarkdown(model, 'en');
    const lines = md.split('\n');
    const svgs = lines.filter((l) => l.startsWith('<svg role="img"'));
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(xmlError(svg)).toBeNull();
      // A blank line before and after: CommonMark's HTML block begins and ends there.
      const at = lines.indexOf(svg);
      expect(lines[at - 1]).toBe('');
      expect(lines[at + 1]).toBe('');
    }
    expect(md).toContain('**Incidents, deaths and injuries by category**');
    expect(md).toMatch(
      /\n\| Category \| Incidents \| Deaths \| Injuries \|\n\| --- \| ---: \| ---: \| ---: \|\n/,
    );
  });
});
