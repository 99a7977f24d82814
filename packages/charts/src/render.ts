import * as echarts from 'echarts';

/** The size of a chart in pixels: ECharts' SSR needs both, there is no container to measure. */
export type ChartSize = { width: number; height: number };

export const DEFAULT_SIZE: ChartSize = { width: 720, height: 360 };

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Renders an ECharts option to an SVG string on the server (no DOM: `ssr: true`, SVG renderer),
 * without animation, and makes it an accessible image: `role="img"`, an `aria-label` and a
 * `<title>` first, so a screen reader names the chart (its numbers are in the table beside it).
 */
export function renderSvg(option: echarts.EChartsOption, title: string, size: ChartSize): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ animation: false, ...option });
    const svg = chart.renderToSVGString();
    const label = escapeXml(title);
    return svg
      .replace(/^<svg /, `<svg role="img" aria-label="${label}" `)
      .replace(/^(<svg [^>]*>)/, `$1<title>${label}</title>`);
  } finally {
    chart.dispose();
  }
}
