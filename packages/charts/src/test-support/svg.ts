import { spawnSync } from 'node:child_process';

/** xmllint's verdict on a document: null when well formed, else its message. */
export function xmlError(xml: string): string | null {
  const r = spawnSync('/usr/bin/xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0 ? null : r.stderr || `xmllint exited with ${r.status}`;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The contents of every `<text>` and `<title>` element, in document order. */
export function svgTexts(svg: string, element: 'text' | 'title' = 'text'): string[] {
  const re = new RegExp(`<${element}(?:\\s[^>]*)?>([^<]*)</${element}>`, 'g');
  return [...svg.matchAll(re)].map((m) => decode(m[1] ?? ''));
}

/** The data indices ECharts drew a shape for in one series (its `ecmeta_*` attributes). */
export function drawnIndices(svg: string, seriesIndex: number): Set<number> {
  const re = new RegExp(
    `ecmeta_series_index="${seriesIndex}" ecmeta_data_index="(\\d+)" ecmeta_ssr_type="chart"`,
    'g',
  );
  return new Set([...svg.matchAll(re)].map((m) => Number(m[1])));
}

/** The numbers written in a text in French (`1 234,5`) or English (`1,234.5`) format. */
export function numbersIn(text: string, locale: 'fr' | 'en'): number[] {
  const re =
    locale === 'fr' ? /-?\d{1,3}(?:\u202f\d{3})*(?:,\d+)?/g : /-?\d{1,3}(?:,\d{3})*(?:\.\d+)?/g;
  return [...text.matchAll(re)].map((m) =>
    Number(
      locale === 'fr' ? m[0].replace(/\u202f/g, '').replace(',', '.') : m[0].replace(/,/g, ''),
    ),
  );
}
