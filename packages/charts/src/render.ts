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
    return accessibleSvg(chart.renderToSVGString({ useViewBox: true }), title);
  } finally {
    chart.dispose();
  }
}

/**
 * Makes ECharts' SVG fit any width and stand alone in a page holding several charts: `width`
 * 100 % with the `viewBox` kept (the height follows the ratio, so a phone scales it down instead
 * of scrolling sideways), no fixed height, and without the hover `<style>` and its `zr0-cls-*`
 * classes, which every chart names alike and would restyle each other's shapes. Then
 * `role="img"`, an `aria-label` and a `<title>` first.
 */
export function accessibleSvg(svg: string, title: string): string {
  const label = escapeXml(title);
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/^<svg width="[^"]*" height="[^"]*" /, '<svg width="100%" ')
    .replace(/^<svg /, `<svg role="img" aria-label="${label}" `)
    .replace(/^(<svg [^>]*>)/, `$1<title>${label}</title>`);
}
