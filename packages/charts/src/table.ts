import { escapeXml } from './render';

/**
 * A chart's numbers as an accessible table: a caption, one header cell per column, and each row
 * headed by its own cell (`<th scope="row">`). Built from the same rows as the chart.
 */
export type DataTable = {
  caption: string;
  /** Column headers, the first one over the row headers. */
  columns: string[];
  rows: { header: string; cells: string[] }[];
};

/** The table as HTML (`<table>` with `<caption>`, `<th scope="col">` and `<th scope="row">`). */
export function dataTableHtml(table: DataTable): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeXml(c)}</th>`).join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeXml(r.header)}</th>${r.cells
          .map((c) => `<td>${escapeXml(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeXml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
