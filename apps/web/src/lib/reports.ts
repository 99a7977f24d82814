/**
 * Pure helpers for the reports page: no I/O, no Svelte, tested beside.
 */

export type ReportLang = 'fr' | 'en';

const download = (file: string, query: Record<string, string>) =>
  `/api/reports/${file}?${new URLSearchParams(query)}`;

/**
 * A grant's report files from `/api/reports/…` (plain HTTP routes of the same server, not tRPC),
 * with the query parameters those routes read: the donor workbook in the page's language, IATI
 * XML (no language: it carries both), DHIS2 ADX XML and DHIS2's dataValueSet JSON.
 * @example grantDownloads({ grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly', lang: 'fr' }).xlsx
 * // '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&lang=fr'
 */
export function grantDownloads(options: {
  grant: string;
  period: string;
  template: string;
  lang: ReportLang;
  /** the reader's time zone, for the workbook's « Généré le » (the browser's, once it is known) */
  tz?: string | null;
}): { xlsx: string; iati: string; adx: string; dhis2: string } {
  const { grant, period, template, lang, tz } = options;
  return {
    xlsx: download('xlsx', { grant, period, template, lang, ...(tz ? { tz } : {}) }),
    iati: download('iati', { grant, period, template }),
    // DHIS2 ADX: the grant's mapping decides the codes; the language is its annotations'.
    adx: download('adx', { grant, period, lang }),
    // DHIS2's dataValueSet (JSON): only through a mapping that has its DHIS2 part.
    dhis2: download('dhis2', { grant, period, lang }),
  };
}

/** The quarterly bulletin of the whole organisation for a period, in Markdown and in HTML. */
export function bulletinDownloads(period: string, lang: ReportLang): { md: string; html: string } {
  return {
    md: download('bulletin', { period, format: 'md', lang }),
    html: download('bulletin', { period, format: 'html', lang }),
  };
}

/**
 * The template to use: the one asked for if it exists, else the grant's own template, else the
 * first one offered; null when there is none.
 */
export function chooseTemplate(
  templates: readonly { id: string }[],
  asked: string | null,
  grantTemplate: string | null,
): string | null {
  const ids = templates.map((t) => t.id);
  if (asked && ids.includes(asked)) return asked;
  if (grantTemplate && ids.includes(grantTemplate)) return grantTemplate;
  return ids[0] ?? null;
}

/** An indicator's value for the reporting period itself (the preview's other periods aside). */
export function reportingValue<V extends { period: string }>(
  indicator: { values: readonly V[] },
  reportingPeriod: string,
): V | null {
  return indicator.values.find((v) => v.period === reportingPeriod) ?? null;
}

/**
 * The reports page's query for a grant, period and template (template left out when empty).
 * @example reportQuery({ grant: 'PROSMED-CCSC', period: '2023-Q2', template: '' }) // 'grant=PROSMED-CCSC&period=2023-Q2'
 */
export function reportQuery(options: { grant: string; period: string; template?: string | null }) {
  const query: Record<string, string> = { grant: options.grant, period: options.period };
  if (options.template) query.template = options.template;
  return new URLSearchParams(query).toString();
}

/**
 * The workbook of a submitted report, rendered from its snapshot by `/api/reports/snapshot`: what
 * was sent to the donor, not today's figures.
 * @example snapshotDownload('6f1c…', 'fr') // '/api/reports/snapshot?id=6f1c…&lang=fr'
 */
export function snapshotDownload(id: string, lang: ReportLang): string {
  return download('snapshot', { id, lang });
}
