import { barChart, dataTableHtml, incidentsCategoryChart, type Chart } from '@jalon/charts';
import type { Locale } from '@jalon/domain';
import type { BulletinModel } from '../model/bulletin-model';
import { reportSays } from '../messages/index';

/**
 * The bulletin's charts, drawn by @jalon/charts from the bulletin's own model (so from the same
 * numbers as its sentences): the activities of each programme, and for each programme that
 * monitors incidents, its incidents, deaths and injuries by category.
 */
export function bulletinCharts(model: BulletinModel, locale: Locale): Chart[] {
  const says = (key: Parameters<typeof reportSays>[1]) => reportSays(locale, key);
  const charts: Chart[] = [];
  if (model.programmes.length > 0 && model.activities.length > 0)
    charts.push(
      barChart(
        {
          title: says('chart-activities-by-programme'),
          categoryHeader: says('chart-programme'),
          categories: model.programmes.map((p) => ({ code: p.code, label: p.name[locale] })),
          series: [
            {
              name: says('chart-activities'),
              values: model.programmes.map(
                (p) => model.activities.filter((a) => a.programmeCode === p.code).length,
              ),
            },
          ],
        },
        locale,
        { width: 720, height: 400 },
      ),
    );
  for (const summary of model.incidents) {
    if (summary.byCategory.length === 0) continue;
    const labels = new Map(summary.byCategory.map((c) => [c.code, c.label[locale]]));
    charts.push(
      incidentsCategoryChart(
        summary.byCategory.map((c) => ({
          key: c.code,
          label: c.label[locale],
          incidents: c.incidents,
          deaths: c.deaths,
          injuries: c.injuries,
        })),
        locale,
        (code) => labels.get(code) ?? code,
      ),
    );
  }
  return charts;
}

/** The charts as an HTML section: each SVG in a figure with its table. Empty without charts. */
export function bulletinChartsHtml(model: BulletinModel, locale: Locale): string {
  const charts = bulletinCharts(model, locale);
  if (charts.length === 0) return '';
  const figures = charts
    .map(
      (c) =>
        `  <figure class="bulletin-chart">\n    ${c.svg}\n    ${dataTableHtml(c.table)}\n  </figure>`,
    )
    .join('\n');
  return `  <section class="bulletin-charts">\n  <h3>${reportSays(locale, 'charts-heading')}</h3>\n${figures}\n  </section>\n`;
}

const cell = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The charts for Markdown: each SVG as an HTML block on one line (CommonMark keeps it as is;
 * a blank line would end it), then the same numbers as a Markdown table under its caption.
 */
export function bulletinChartsMarkdown(model: BulletinModel, locale: Locale): string[] {
  const charts = bulletinCharts(model, locale);
  if (charts.length === 0) return [];
  const out = [`### ${reportSays(locale, 'charts-heading')}`, ''];
  for (const c of charts) {
    const t = c.table;
    out.push(
      c.svg.replace(/\s*\n\s*/g, ' '),
      '',
      `**${cell(t.caption)}**`,
      '',
      `| ${t.columns.map(cell).join(' | ')} |`,
      `| ${t.columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
      ...t.rows.map((r) => `| ${[r.header, ...r.cells].map(cell).join(' | ')} |`),
      '',
    );
  }
  return out;
}
