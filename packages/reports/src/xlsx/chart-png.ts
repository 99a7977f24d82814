import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/**
 * The font every chart picture is drawn with: DejaVu Sans, shipped with the package (its licence
 * beside it) so text renders the same on any machine, whatever fonts the system has or lacks.
 */
export const CHART_FONT = fileURLToPath(new URL('../../fonts/DejaVuSans.ttf', import.meta.url));

/**
 * An SVG chart (as `@jalon/charts` draws it) as a PNG `width` pixels wide on a white background,
 * drawn by resvg (native, no browser) with {@link CHART_FONT} only: system fonts are not read.
 * @example writeFileSync('chart.png', svgToPng(indicatorChart(series, 'fr').svg, 720))
 */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: { fontFiles: [CHART_FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
